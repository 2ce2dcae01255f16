import { countByAuthor, listHumanContributions } from '../contributions.js';
import type { MetricDefinition } from '../metric.js';
import { isInWindow } from '../time-window.js';
import { absenceFactorValue } from './absence-factor.js';

const WINDOW_DAYS = 365;

export const busFactorActivityMetric: MetricDefinition = {
  id: 'bus-factor-activity',
  name: 'Contributor absence factor (all activity)',
  motivation:
    'Code is not the only work: triage, review and answers keep a community alive. This counts how many people hold half of all visible work.',
  formula:
    'Smallest n such that the n people with the most contributions together made at least 50% of the contributions in the window. numerator = contributions of those n, denominator = all counted contributions.',
  direction: 'higher-is-better',
  windowDays: WINDOW_DAYS,
  counts:
    'One event per commit, issue opened, pull request opened, issue or review comment, and submitted review, by non-bot people in the window.',
  unit: 'contributors',
  compute(input, asOf) {
    const events = listHumanContributions(input, asOf).filter((c) => isInWindow(c.at, asOf, WINDOW_DAYS));
    return absenceFactorValue(countByAuthor(events), 'no human activity in the window');
  },
};
