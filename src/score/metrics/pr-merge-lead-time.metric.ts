import type { MetricDefinition } from '../metric.js';
import { kaplanMeier, survivalQuantile } from '../stats/kaplan-meier.js';
import { HOUR_MS, isInWindow } from '../time-window.js';

const WINDOW_DAYS = 180;

export const prMergeLeadTimeMetric: MetricDefinition = {
  id: 'pr-merge-lead-time',
  name: 'Merge lead time (pull requests)',
  motivation:
    'How long an accepted change waits before it lands: the contributor’s experience of the review process.',
  formula:
    'Median of (mergedAt − createdAt) in hours over pull requests merged in the window, nearest rank (the ⌈n/2⌉-th smallest). Only merged pull requests have a lead time; closed-unmerged ones are covered by change-request-acceptance-ratio. Details: p90 (⌈0.9·n⌉-th smallest).',
  direction: 'lower-is-better',
  windowDays: WINDOW_DAYS,
  counts: 'Pull requests by non-bot authors merged in the window (merges after asOf do not count).',
  unit: 'hours',
  compute(input, asOf) {
    const leadTimes = input.issues
      .filter(
        (pr) =>
          pr.isPullRequest && !pr.isBot && pr.mergedAt !== null && isInWindow(pr.mergedAt, asOf, WINDOW_DAYS),
      )
      .map((pr) => ({ time: Math.max(0, pr.mergedAt! - pr.createdAt) / HOUR_MS, event: true }));
    if (leadTimes.length === 0)
      return { value: null, denominator: 0, details: { reason: 'no pull requests merged in the window' } };
    const curve = kaplanMeier(leadTimes);
    return {
      value: survivalQuantile(curve, 0.5).value,
      denominator: leadTimes.length,
      details: { p90Hours: survivalQuantile(curve, 0.9).value },
    };
  },
};
