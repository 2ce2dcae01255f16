import type { JobsOptions } from 'bullmq';

/**
 * Retry and retention policy as data. Transient failures (5xx, resets, a database restarting) retry
 * with exponential backoff and jitter; rate-limit waits do not spend attempts (the processor gives
 * the job back with `Worker.RateLimitError`). Finished jobs are kept for a while for `vitals status`
 * and the board, then removed so Redis does not grow without bound.
 */
export const STAGE_JOB_OPTIONS = Object.freeze({
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
  // A stage that finally fails is recorded on crawl_state; the repository's other stages still run
  // (they do not need each other's rows) and the parent marks the repository `partial`.
  ignoreDependencyOnFailure: true,
} satisfies JobsOptions);

export const REPOSITORY_JOB_OPTIONS = Object.freeze({
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
} satisfies JobsOptions);

export const TRIGGER_JOB_OPTIONS = Object.freeze({
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
} satisfies JobsOptions);

/** Analysis reads and writes PostgreSQL only: a few quick retries cover a database restart. */
export const ANALYSE_JOB_OPTIONS = Object.freeze({
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
} satisfies JobsOptions);
