import type { MetricDefinition } from '../metric.js';
import { isInWindow } from '../time-window.js';

const WINDOW_DAYS = 90;

export const changeRequestClosureRatioMetric: MetricDefinition = {
  id: 'change-request-closure-ratio',
  name: 'Change request closure ratio',
  motivation:
    'Whether maintainers keep up with incoming pull requests: below 1 the review queue grows, above 1 it shrinks.',
  formula:
    'Pull requests closed (merged or not) in the window ÷ pull requests opened in the window (CHAOSS change request closure ratio). null when none were opened.',
  direction: 'higher-is-better',
  windowDays: WINDOW_DAYS,
  counts:
    'Pull requests by non-bot authors. A pull request closed in the window counts whenever it was opened; closedAt after asOf does not count.',
  unit: 'ratio',
  compute(input, asOf) {
    let opened = 0;
    let closed = 0;
    for (const pr of input.issues) {
      if (!pr.isPullRequest || pr.isBot) continue;
      if (isInWindow(pr.createdAt, asOf, WINDOW_DAYS)) opened += 1;
      if (pr.closedAt !== null && isInWindow(pr.closedAt, asOf, WINDOW_DAYS)) closed += 1;
    }
    if (opened === 0)
      return {
        value: null,
        numerator: closed,
        denominator: 0,
        details: { reason: 'no pull requests opened in the window' },
      };
    return { value: closed / opened, numerator: closed, denominator: opened };
  },
};
