import type { MetricDefinition } from '../metric.js';
import { DAY_MS, isInWindow } from '../time-window.js';

const WINDOW_DAYS = 365;

export const releaseCadenceMetric: MetricDefinition = {
  id: 'release-cadence',
  name: 'Release cadence',
  motivation: 'Users get fixes only when they are released; a steady cadence shows the project ships.',
  formula:
    'Releases published in the window. null when the repository has never published a GitHub release by asOf (it may ship through tags or registries; that is not held against it). Details: days since the last release, median days between consecutive releases in the window.',
  direction: 'higher-is-better',
  windowDays: WINDOW_DAYS,
  counts: 'Published GitHub releases, pre-releases included, drafts excluded.',
  unit: 'releases',
  compute(input, asOf) {
    const published = input.releases
      .map((r) => r.publishedAt)
      .filter((at) => at <= asOf)
      .sort((a, b) => a - b);
    if (published.length === 0)
      return { value: null, numerator: 0, details: { reason: 'no GitHub release by asOf' } };
    const inWindow = published.filter((at) => isInWindow(at, asOf, WINDOW_DAYS));
    const intervals = inWindow
      .slice(1)
      .map((at, i) => (at - inWindow[i]!) / DAY_MS)
      .sort((a, b) => a - b);
    return {
      value: inWindow.length,
      numerator: inWindow.length,
      details: {
        daysSinceLastRelease: (asOf - published[published.length - 1]!) / DAY_MS,
        medianIntervalDays: intervals.length === 0 ? null : intervals[Math.ceil(intervals.length / 2) - 1]!,
      },
    };
  },
};
