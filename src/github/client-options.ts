import type { BackoffPolicy } from './backoff.js';
import type { BudgetPolicy } from './reserve-budget.js';

/** Tuning of the GitHub client; every field has a default (DEFAULT_CLIENT_OPTIONS). */
export interface GitHubClientOptions extends BudgetPolicy {
  /** Timeout of each HTTP attempt, from the moment it is sent. */
  requestTimeoutMs: number;
  /** Requests in flight per credential (secondary limits punish concurrency). */
  concurrencyPerCredential: number;
  /** Attempts per call for transient failures (5xx, resets, timeouts, 202). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Rate-limit answers tolerated within one call before giving up with GH_RATE_LIMITED. */
  maxRateLimitWaits: number;
  /**
   * @octokit/plugin-throttling on. Off by default: the budget ledger already does what it would
   * (primary and secondary limits, retry-after, concurrency, one budget per credential), and its
   * Bottleneck queues add ~10 ms of latency and ~1.3 ms of CPU to every request
   * (`npm run bench -- client-overhead`: 4.7 → 14.7–16.6 ms per request against the simulator).
   */
  pluginThrottling: boolean;
  /** plugin-retry's own quick retries (0: our loop, with full jitter, does all retrying). */
  pluginRetries: number;
  pluginRetryAfterBaseMs: number;
}

export const DEFAULT_CLIENT_OPTIONS: Readonly<GitHubClientOptions> = Object.freeze({
  requestTimeoutMs: 30_000,
  concurrencyPerCredential: 4,
  reserveFloor: 50,
  resetMarginMs: 1_000,
  reservationTtlMs: 120_000,
  pollMs: 50,
  pointsPerMinute: { rest: 900, graphql: 2_000 },
  maxWaitMs: Number.POSITIVE_INFINITY,
  maxAttempts: 5,
  backoff: { baseMs: 500, capMs: 30_000 },
  maxRateLimitWaits: 20,
  pluginThrottling: false,
  pluginRetries: 0,
  pluginRetryAfterBaseMs: 1_000,
});
