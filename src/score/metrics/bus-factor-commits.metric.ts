import { countByAuthor, listHumanContributions } from '../contributions.js';
import type { MetricDefinition } from '../metric.js';
import { isInWindow } from '../time-window.js';
import { absenceFactorValue } from './absence-factor.js';

const WINDOW_DAYS = 365;

export const busFactorCommitsMetric: MetricDefinition = {
  id: 'bus-factor-commits',
  name: 'Contributor absence factor (commits)',
  motivation:
    'How many people would have to leave before half of the code changes stop. A value of 1 means one person carries the code.',
  formula:
    'Smallest n such that the n authors with the most commits together authored at least 50% of the commits in the window (CHAOSS contributor absence factor). numerator = commits of those n, denominator = all counted commits.',
  direction: 'higher-is-better',
  windowDays: WINDOW_DAYS,
  counts:
    'Default-branch commits authored in the window by non-bot authors, one per commit, grouped by author.',
  unit: 'contributors',
  compute(input, asOf) {
    const commits = listHumanContributions(input, asOf).filter(
      (c) => c.kind === 'commit' && isInWindow(c.at, asOf, WINDOW_DAYS),
    );
    return absenceFactorValue(countByAuthor(commits), 'no human commits in the window');
  },
};
