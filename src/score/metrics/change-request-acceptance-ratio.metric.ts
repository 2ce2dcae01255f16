import type { MetricDefinition } from '../metric.js';
import { isInWindow } from '../time-window.js';

const WINDOW_DAYS = 180;

export const changeRequestAcceptanceRatioMetric: MetricDefinition = {
  id: 'change-request-acceptance-ratio',
  name: 'Change request acceptance ratio',
  motivation:
    'Whether outside work lands. A project that closes most pull requests unmerged discourages contributors.',
  formula:
    'Pull requests merged in the window ÷ pull requests closed in the window, merged or not (CHAOSS change request acceptance ratio). null when none were closed.',
  direction: 'higher-is-better',
  windowDays: WINDOW_DAYS,
  counts:
    'Pull requests by non-bot authors, by the time they were closed (a merge closes a pull request); merges and closes after asOf do not count.',
  unit: 'ratio',
  compute(input, asOf) {
    let closed = 0;
    let merged = 0;
    for (const pr of input.issues) {
      if (!pr.isPullRequest || pr.isBot || pr.closedAt === null) continue;
      if (!isInWindow(pr.closedAt, asOf, WINDOW_DAYS)) continue;
      closed += 1;
      if (pr.mergedAt !== null && pr.mergedAt <= asOf) merged += 1;
    }
    if (closed === 0)
      return {
        value: null,
        numerator: 0,
        denominator: 0,
        details: { reason: 'no pull requests closed in the window' },
      };
    return { value: merged / closed, numerator: merged, denominator: closed };
  },
};
