import type { EpochMs, IssueRow, ScoreInput } from '../inputs.js';
import type { MetricValue } from '../metric.js';
import { completedBy, kaplanMeier, survivalQuantile, type Observation } from '../stats/kaplan-meier.js';
import { DAY_MS, HOUR_MS, isInWindow } from '../time-window.js';

export const FIRST_RESPONSE_WINDOW_DAYS = 180;

export const FIRST_RESPONSE_FORMULA =
  'Kaplan–Meier estimate over items opened in the window. Each item is observed from creation to its first response (an event), or — without a response by asOf — censored at asOf when still open, or at its close when closed unanswered. value = median hours (the smallest time at which the estimated answered share reaches 50%); when fewer than half are answered within the follow-up, value is the longest follow-up, a lower bound, flagged medianReached=false. Details: p90 hours (same rule), estimated share answered within 1, 7 and 15 days, and the plain share of items with no response by asOf (unansweredShare = numerator÷denominator with numerator = unanswered items).';

export const FIRST_RESPONSE_COUNTS =
  'Items opened by non-bots in the window. A response is the first issue comment, review comment or submitted review by someone other than the item’s author and not a bot (computed by the store as firstResponseAt); responses after asOf do not count.';

/** One observation per item: time to first response in hours, censored when none by asOf. */
function observe(item: IssueRow, asOf: EpochMs): Observation & { answered: boolean; closed: boolean } {
  const responded = item.firstResponseAt !== null && item.firstResponseAt <= asOf;
  if (responded) {
    const hours = Math.max(0, item.firstResponseAt! - item.createdAt) / HOUR_MS;
    return { time: hours, event: true, answered: true, closed: false };
  }
  const closed = item.closedAt !== null && item.closedAt <= asOf;
  const end = closed ? item.closedAt! : asOf;
  return { time: Math.max(0, end - item.createdAt) / HOUR_MS, event: false, answered: false, closed };
}

export function firstResponseValue(input: ScoreInput, asOf: EpochMs, pullRequests: boolean): MetricValue {
  const items = input.issues.filter(
    (i) =>
      i.isPullRequest === pullRequests &&
      !i.isBot &&
      isInWindow(i.createdAt, asOf, FIRST_RESPONSE_WINDOW_DAYS),
  );
  const kind = pullRequests ? 'pull requests' : 'issues';
  if (items.length === 0)
    return {
      value: null,
      numerator: 0,
      denominator: 0,
      details: { reason: `no ${kind} opened in the window` },
    };
  const observations = items.map((i) => observe(i, asOf));
  const curve = kaplanMeier(observations);
  const median = survivalQuantile(curve, 0.5);
  const p90 = survivalQuantile(curve, 0.9);
  const unanswered = observations.filter((o) => !o.answered);
  return {
    value: median.value,
    numerator: unanswered.length,
    denominator: items.length,
    details: {
      medianHours: median.value,
      medianReached: median.reached,
      p90Hours: p90.value,
      p90Reached: p90.reached,
      answeredWithin1d: completedBy(curve, DAY_MS / HOUR_MS),
      answeredWithin7d: completedBy(curve, (7 * DAY_MS) / HOUR_MS),
      answeredWithin15d: completedBy(curve, (15 * DAY_MS) / HOUR_MS),
      unansweredShare: unanswered.length / items.length,
      answered: items.length - unanswered.length,
      unansweredOpen: unanswered.filter((o) => !o.closed).length,
      unansweredClosed: unanswered.filter((o) => o.closed).length,
    },
  };
}
