import type { MetricDefinition } from '../metric.js';
import { completedBy, kaplanMeier, survivalQuantile } from '../stats/kaplan-meier.js';
import { DAY_MS, isInWindow } from '../time-window.js';

const WINDOW_DAYS = 365;

export const issueTimeToCloseMetric: MetricDefinition = {
  id: 'issue-time-to-close',
  name: 'Time to close (issues)',
  motivation: 'How long a reported problem stays open. Long lives mean a backlog nobody works through.',
  formula:
    'Kaplan–Meier median over issues opened in the window: each issue is observed from creation to close (an event) or, still open at asOf, censored at asOf. value = median days; when fewer than half are closed within the follow-up, value is the longest follow-up, a lower bound, flagged medianReached=false. numerator = closed by asOf, denominator = issues. Details: p90 days, estimated share closed within 30 days.',
  direction: 'lower-is-better',
  windowDays: WINDOW_DAYS,
  counts:
    'Issues (not pull requests) opened by non-bots in the window; a close after asOf counts as still open.',
  unit: 'days',
  compute(input, asOf) {
    const issues = input.issues.filter(
      (i) => !i.isPullRequest && !i.isBot && isInWindow(i.createdAt, asOf, WINDOW_DAYS),
    );
    if (issues.length === 0)
      return {
        value: null,
        numerator: 0,
        denominator: 0,
        details: { reason: 'no issues opened in the window' },
      };
    const observations = issues.map((i) => {
      const closed = i.closedAt !== null && i.closedAt <= asOf;
      return { time: Math.max(0, (closed ? i.closedAt! : asOf) - i.createdAt) / DAY_MS, event: closed };
    });
    const curve = kaplanMeier(observations);
    const median = survivalQuantile(curve, 0.5);
    const p90 = survivalQuantile(curve, 0.9);
    return {
      value: median.value,
      numerator: curve.events,
      denominator: issues.length,
      details: {
        medianReached: median.reached,
        p90Days: p90.value,
        p90Reached: p90.reached,
        closedWithin30d: completedBy(curve, 30),
        open: issues.length - curve.events,
      },
    };
  },
};
