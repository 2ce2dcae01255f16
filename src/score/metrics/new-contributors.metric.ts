import { listHumanContributions } from '../contributions.js';
import type { MetricDefinition } from '../metric.js';
import { isInWindow } from '../time-window.js';

const WINDOW_DAYS = 90;

export const newContributorsMetric: MetricDefinition = {
  id: 'new-contributors',
  name: 'New contributors',
  motivation: 'Communities renew themselves or shrink: people who arrive today are tomorrow’s maintainers.',
  formula:
    'Number of people whose first contribution ever (up to asOf) falls in the window. denominator = people active in the window. null when the repository has no human contribution by asOf.',
  direction: 'higher-is-better',
  windowDays: WINDOW_DAYS,
  counts:
    'Contributions = commits, issues and pull requests opened, issue and review comments, submitted reviews, by non-bots; first contributions are found over all history up to asOf.',
  unit: 'contributors',
  compute(input, asOf) {
    const firstSeen = new Map<string, number>();
    const active = new Set<string>();
    for (const c of listHumanContributions(input, asOf)) {
      const seen = firstSeen.get(c.authorKey);
      if (seen === undefined || c.at < seen) firstSeen.set(c.authorKey, c.at);
      if (isInWindow(c.at, asOf, WINDOW_DAYS)) active.add(c.authorKey);
    }
    if (firstSeen.size === 0)
      return { value: null, denominator: 0, details: { reason: 'no human contribution by asOf' } };
    let newcomers = 0;
    for (const at of firstSeen.values()) if (isInWindow(at, asOf, WINDOW_DAYS)) newcomers += 1;
    return { value: newcomers, numerator: newcomers, denominator: active.size };
  },
};
