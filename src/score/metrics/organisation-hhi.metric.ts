import type { MetricDefinition } from '../metric.js';
import { herfindahlIndex } from '../stats/fifty-percent-rule.js';
import {
  ORGANISATION_WINDOW_DAYS,
  organisationCoverage,
  organisationVolumes,
} from './organisation-volumes.js';

export const organisationHhiMetric: MetricDefinition = {
  id: 'organisation-hhi',
  name: 'Organisational concentration (HHI)',
  motivation:
    'One number for how concentrated the work is across all organisations, not only the largest: two equal companies (0.5) are healthier than one dominant and many tiny ones.',
  formula:
    'Herfindahl–Hirschman index Σ sᵢ² on the 0–1 scale, where sᵢ = commits of organisation i ÷ commits whose organisation is known. coverage = known ÷ all counted commits.',
  direction: 'lower-is-better',
  windowDays: ORGANISATION_WINDOW_DAYS,
  counts: 'Same commits and affiliation rules as elephant-factor; unknown affiliation is kept apart.',
  unit: 'index (0–1)',
  compute(input, asOf) {
    const volumes = organisationVolumes(input, asOf);
    const coverage = organisationCoverage(volumes);
    const hhi = herfindahlIndex(volumes.byOrganisation);
    if (hhi === null)
      return {
        value: null,
        numerator: 0,
        denominator: 0,
        coverage,
        details: { reason: 'no commits with a known organisation in the window' },
      };
    return {
      value: hhi,
      denominator: volumes.knownCommits,
      coverage,
      details: { organisations: volumes.byOrganisation.size },
    };
  },
};
