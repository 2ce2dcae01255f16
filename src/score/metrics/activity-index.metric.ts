import { listHumanContributions, type ContributionKind } from '../contributions.js';
import type { MetricDefinition } from '../metric.js';
import { isInPreviousWindow, isInWindow } from '../time-window.js';
import { utcMonthKey } from '../utc-calendar.js';

const WINDOW_DAYS = 90;
const WEEKS = WINDOW_DAYS / 7;
const MONTHS_SHOWN = 12;

export const activityIndexMetric: MetricDefinition = {
  id: 'activity-index',
  name: 'Activity index',
  motivation: 'How much visible human work happens each week, all kinds together; the base of trend alerts.',
  formula: `Human contributions in the window ÷ ${WINDOW_DAYS / 7} weeks (events per week). Details: counts by kind, the previous window's rate and the ratio to it, and events per UTC calendar month for the ${MONTHS_SHOWN} months ending with asOf's month (the last one partial, up to asOf). null when the repository has no human contribution by asOf.`,
  direction: 'higher-is-better',
  windowDays: WINDOW_DAYS,
  counts:
    'One event per commit, issue opened, pull request opened, issue or review comment, and submitted review, by non-bots. Months are UTC months of the event instant.',
  unit: 'events per week',
  compute(input, asOf) {
    const contributions = listHumanContributions(input, asOf);
    if (contributions.length === 0)
      return { value: null, numerator: 0, details: { reason: 'no human contribution by asOf' } };
    const byKind: Record<ContributionKind, number> = {
      commit: 0,
      issue: 0,
      'pull-request': 0,
      comment: 0,
      review: 0,
    };
    // Month starts of the table, oldest first; an event's month is found without building Dates.
    const asOfDate = new Date(asOf);
    const monthStarts = Array.from({ length: MONTHS_SHOWN }, (_, i) =>
      Date.UTC(asOfDate.getUTCFullYear(), asOfDate.getUTCMonth() - (MONTHS_SHOWN - 1) + i, 1),
    );
    const monthlyEvents = monthStarts.map(() => 0);
    let current = 0;
    let previous = 0;
    for (const c of contributions) {
      if (isInWindow(c.at, asOf, WINDOW_DAYS)) {
        current += 1;
        byKind[c.kind] += 1;
      } else if (isInPreviousWindow(c.at, asOf, WINDOW_DAYS)) previous += 1;
      if (c.at < monthStarts[0]!) continue;
      let month = MONTHS_SHOWN - 1;
      while (c.at < monthStarts[month]!) month -= 1;
      monthlyEvents[month]! += 1;
    }
    return {
      value: current / WEEKS,
      numerator: current,
      details: {
        commits: byKind.commit,
        issues: byKind.issue,
        pullRequests: byKind['pull-request'],
        comments: byKind.comment,
        reviews: byKind.review,
        previousPerWeek: previous / WEEKS,
        ratioToPrevious: previous === 0 ? null : current / previous,
        monthly: monthStarts.map((start, i) => ({ month: utcMonthKey(start), events: monthlyEvents[i]! })),
      },
    };
  },
};
