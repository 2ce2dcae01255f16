import type { Schedule } from '../store/schedule.store.js';
import { runsPerHour } from './schedule-cadence.js';

/**
 * Requests one scheduled re-crawl of a repository is assumed to spend: one request per stage plus a
 * little for changed data. Unchanged data mostly costs free 304s (design §4), so this is on the
 * cautious side for quiet repositories; a first crawl costs far more (design §4 lower bound).
 */
export const REQUESTS_PER_RECRAWL = 10;
/** Primary budget per credential and hour (REST core; GraphQL has its own 5,000 points). */
export const REQUESTS_PER_CREDENTIAL_HOUR = 5_000;

export interface BudgetEstimate {
  readonly requestsPerHour: number;
  readonly availablePerHour: number;
  readonly credentials: number;
  readonly overBudget: boolean;
  readonly message: string;
}

/** Compares what the schedules will spend per hour with what the credentials can give. */
export function estimateScheduleBudget(
  schedules: readonly { schedule: Schedule; repositories: number }[],
  credentials: number,
  authenticated: boolean,
): BudgetEstimate {
  const requestsPerHour = Math.ceil(
    schedules.reduce(
      (sum, s) => sum + s.repositories * runsPerHour(s.schedule.cadence) * REQUESTS_PER_RECRAWL,
      0,
    ),
  );
  const availablePerHour = authenticated ? credentials * REQUESTS_PER_CREDENTIAL_HOUR : 60;
  const overBudget = requestsPerHour > availablePerHour * 0.9;
  const message =
    `schedules need about ${requestsPerHour.toLocaleString('en-US')} requests/hour ` +
    `(${REQUESTS_PER_RECRAWL} per re-crawl) against ${availablePerHour.toLocaleString('en-US')}/hour from ` +
    `${authenticated ? `${credentials} credential${credentials === 1 ? '' : 's'}` : 'no token (unauthenticated)'}`;
  return { requestsPerHour, availablePerHour, credentials, overBudget, message };
}
