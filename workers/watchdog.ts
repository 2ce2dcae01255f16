/**
 * Detects a BullMQ worker that stopped consuming (seen after Redis reconnects: the blocking
 * connection never resumes). Pure decision; start-workers.ts feeds it and recreates the worker.
 */
export interface ConsumptionSample {
  readonly running: boolean;
  /** Jobs waiting in the worker's queue. */
  readonly waiting: number;
  /** Jobs this worker is processing now. */
  readonly inFlight: number;
  readonly concurrency: number;
  /** Remaining ms of a rate limit on the queue (0 when none): an idle worker is then expected. */
  readonly rateLimitTtlMs: number;
  readonly paused: boolean;
  /** Last time this worker started or finished a job, or was (re)created. */
  readonly lastActivityMs: number;
  readonly nowMs: number;
}

export function isStuck(sample: ConsumptionSample, stuckAfterMs: number): boolean {
  if (sample.paused) return false;
  if (!sample.running) return true;
  if (sample.waiting === 0 || sample.inFlight >= sample.concurrency || sample.rateLimitTtlMs > 0)
    return false;
  return sample.nowMs - sample.lastActivityMs > stuckAfterMs;
}
