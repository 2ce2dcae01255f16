import type { MetricDefinition } from '../metric.js';
import { DAY_MS } from '../time-window.js';

const STALE_AFTER_DAYS = 180;

export const backlogStalenessMetric: MetricDefinition = {
  id: 'backlog-staleness',
  name: 'Backlog staleness',
  motivation:
    'A backlog full of old open items tells users their reports go nowhere, and hides the live ones from maintainers.',
  formula: `Open items older than ${STALE_AFTER_DAYS} days ÷ items open at asOf (CHAOSS issue age). 0 when nothing is open; null when the repository has no issues or pull requests at all by asOf. Details: median age in days of open items.`,
  direction: 'lower-is-better',
  windowDays: null,
  counts:
    'Issues and pull requests by non-bot authors open at asOf: created at or before asOf and not closed by then (a later close counts as open).',
  unit: 'share (0–1)',
  compute(input, asOf) {
    const human = input.issues.filter((i) => !i.isBot && i.createdAt <= asOf);
    if (human.length === 0)
      return {
        value: null,
        numerator: 0,
        denominator: 0,
        details: { reason: 'no issues or pull requests by asOf' },
      };
    const ages = human
      .filter((i) => i.closedAt === null || i.closedAt > asOf)
      .map((i) => (asOf - i.createdAt) / DAY_MS)
      .sort((a, b) => a - b);
    if (ages.length === 0)
      return { value: 0, numerator: 0, denominator: 0, details: { medianAgeDays: null } };
    const stale = ages.filter((days) => days > STALE_AFTER_DAYS).length;
    return {
      value: stale / ages.length,
      numerator: stale,
      denominator: ages.length,
      details: { medianAgeDays: ages[Math.ceil(ages.length / 2) - 1]! },
    };
  },
};
