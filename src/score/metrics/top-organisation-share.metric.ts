import type { MetricDefinition } from '../metric.js';
import {
  ORGANISATION_WINDOW_DAYS,
  organisationCoverage,
  organisationVolumes,
} from './organisation-volumes.js';

export const topOrganisationShareMetric: MetricDefinition = {
  id: 'top-organisation-share',
  name: 'Top organisation share',
  motivation:
    'The weight of the single largest organisation: the closer to 100%, the more one employer decides.',
  formula:
    'Commits of the organisation with the most commits ÷ commits whose organisation is known. coverage = known ÷ all counted commits.',
  direction: 'lower-is-better',
  windowDays: ORGANISATION_WINDOW_DAYS,
  counts: 'Same commits and affiliation rules as elephant-factor; unknown affiliation is kept apart.',
  unit: 'share (0–1)',
  compute(input, asOf) {
    const volumes = organisationVolumes(input, asOf);
    const coverage = organisationCoverage(volumes);
    let topKey: string | null = null;
    let top = 0;
    for (const [key, commits] of volumes.byOrganisation)
      if (commits > top || (commits === top && topKey !== null && key < topKey)) {
        top = commits;
        topKey = key;
      }
    if (topKey === null)
      return {
        value: null,
        numerator: 0,
        denominator: 0,
        coverage,
        details: { reason: 'no commits with a known organisation in the window' },
      };
    return {
      value: top / volumes.knownCommits,
      numerator: top,
      denominator: volumes.knownCommits,
      coverage,
      details: { topOrganisation: volumes.names.get(topKey) ?? topKey },
    };
  },
};
