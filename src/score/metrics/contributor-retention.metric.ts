import { listHumanContributions } from '../contributions.js';
import type { MetricDefinition } from '../metric.js';
import { isInPreviousWindow, isInWindow } from '../time-window.js';

const QUARTER_DAYS = 90;

export const contributorRetentionMetric: MetricDefinition = {
  id: 'contributor-retention',
  name: 'Contributor retention (quarter over quarter)',
  motivation:
    'Whether people who contributed keep contributing; churn drains knowledge even when new people arrive.',
  formula:
    'People active in both the previous quarter (asOf−180d, asOf−90d] and the current quarter (asOf−90d, asOf] ÷ people active in the previous quarter. Quarters are rolling 90-day windows ending at asOf, so monthly snapshots slide smoothly. null when nobody was active in the previous quarter.',
  direction: 'higher-is-better',
  windowDays: 2 * QUARTER_DAYS,
  counts:
    'Contributions = commits, issues and pull requests opened, issue and review comments, submitted reviews, by non-bots.',
  unit: 'share (0–1)',
  compute(input, asOf) {
    const previous = new Set<string>();
    const current = new Set<string>();
    for (const c of listHumanContributions(input, asOf)) {
      if (isInWindow(c.at, asOf, QUARTER_DAYS)) current.add(c.authorKey);
      else if (isInPreviousWindow(c.at, asOf, QUARTER_DAYS)) previous.add(c.authorKey);
    }
    if (previous.size === 0)
      return {
        value: null,
        numerator: 0,
        denominator: 0,
        details: { reason: 'nobody was active in the previous quarter' },
      };
    let retained = 0;
    for (const key of previous) if (current.has(key)) retained += 1;
    return {
      value: retained / previous.size,
      numerator: retained,
      denominator: previous.size,
      details: { activeThisQuarter: current.size },
    };
  },
};
