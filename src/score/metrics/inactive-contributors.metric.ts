import { listHumanContributions } from '../contributions.js';
import type { MetricDefinition } from '../metric.js';
import { isInWindow } from '../time-window.js';

const YEAR_DAYS = 365;
const RECENT_DAYS = 90;

export const inactiveContributorsMetric: MetricDefinition = {
  id: 'inactive-contributors',
  name: 'Inactive contributors',
  motivation:
    'The share of last year’s people who have gone quiet: a rising value is the early sign of maintainers drifting away.',
  formula: `People active in the last ${YEAR_DAYS} days with no contribution in the last ${RECENT_DAYS} days ÷ people active in the last ${YEAR_DAYS} days. null when nobody was active in the year.`,
  direction: 'lower-is-better',
  windowDays: YEAR_DAYS,
  counts:
    'Contributions = commits, issues and pull requests opened, issue and review comments, submitted reviews, by non-bots.',
  unit: 'share (0–1)',
  compute(input, asOf) {
    const year = new Set<string>();
    const recent = new Set<string>();
    for (const c of listHumanContributions(input, asOf)) {
      if (!isInWindow(c.at, asOf, YEAR_DAYS)) continue;
      year.add(c.authorKey);
      if (isInWindow(c.at, asOf, RECENT_DAYS)) recent.add(c.authorKey);
    }
    if (year.size === 0)
      return {
        value: null,
        numerator: 0,
        denominator: 0,
        details: { reason: 'nobody was active in the year' },
      };
    const inactive = year.size - recent.size;
    return { value: inactive / year.size, numerator: inactive, denominator: year.size };
  },
};
