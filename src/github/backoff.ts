/**
 * Exponential backoff with "full jitter": the delay is uniform in [0, min(cap, base·2^attempt)].
 * Full jitter spreads retries of many workers apart best
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), and GitHub asks
 * integrators to back off exponentially on repeated errors
 * (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately).
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export function fullJitterDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
