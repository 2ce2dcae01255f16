import type { MetricDefinition } from '../metric.js';
import { fiftyPercentRule, herfindahlIndex } from '../stats/fifty-percent-rule.js';
import {
  ORGANISATION_WINDOW_DAYS,
  organisationCoverage,
  organisationVolumes,
} from './organisation-volumes.js';

export const elephantFactorMetric: MetricDefinition = {
  id: 'elephant-factor',
  name: 'Elephant factor (organisational diversity)',
  motivation:
    'A project carried by one company lives or dies with that company’s priorities. More organisations holding the work means more resilience.',
  formula:
    'Smallest n such that the n organisations with the most commits together authored at least 50% of the commits whose organisation is known (CHAOSS elephant factor). coverage = commits with a known organisation ÷ all counted commits.',
  direction: 'higher-is-better',
  windowDays: ORGANISATION_WINDOW_DAYS,
  counts:
    'Non-bot default-branch commits in the window. Organisation = the commit’s own affiliation when known, else the author’s (operator correction, profile company, company email domain). Unknown affiliation is kept apart, never one organisation.',
  unit: 'organisations',
  compute(input, asOf) {
    const volumes = organisationVolumes(input, asOf);
    const coverage = organisationCoverage(volumes);
    const result = fiftyPercentRule(volumes.byOrganisation);
    if (!result)
      return {
        value: null,
        numerator: 0,
        denominator: 0,
        coverage,
        details: {
          reason: 'no commits with a known organisation in the window',
          unknownCommits: volumes.unknownCommits,
        },
      };
    return {
      value: result.count,
      numerator: result.covered,
      denominator: result.total,
      coverage,
      details: {
        organisations: result.groups,
        topOrganisationShare: result.topShare,
        herfindahlIndex: herfindahlIndex(volumes.byOrganisation),
        unknownCommits: volumes.unknownCommits,
      },
    };
  },
};
