import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { JobOutcome, WorkerMetricsRecorder } from '../src/jobs/worker-metrics.js';
import type { Logger } from '../src/shared/logger.js';
import { decideFailure, type FailureDecision } from './decide-failure.js';

export interface JobRunContext {
  /** The worker running the job (for `rateLimit`). */
  readonly worker: () => Worker | undefined;
  readonly shuttingDown: () => boolean;
  readonly logger: Logger;
  /** Job durations and rows for `vitals serve`'s /metrics (kept in Redis); absent = not recorded. */
  readonly metrics?: WorkerMetricsRecorder | undefined;
}

/**
 * Runs one job's work and turns a failure into what BullMQ should do (decide-failure.ts).
 * `onFinal` records a failure that will not be retried (given up, or the last attempt) — where
 * operators look (crawl_state.last_error, repository.state).
 */
export async function runJob<T>(
  context: JobRunContext,
  job: Job,
  work: () => Promise<T>,
  onFinal: (
    decision: Extract<FailureDecision, { action: 'give-up' | 'retry' }>,
  ) => Promise<void> = async () => undefined,
): Promise<T> {
  const started = Date.now();
  try {
    const result = await work();
    context.metrics?.jobDone(job.queueName, 'completed', Date.now() - started);
    return result;
  } catch (err) {
    const decision = decideFailure(err, { shuttingDown: context.shuttingDown(), nowMs: Date.now() });
    const durationMs = Date.now() - started;
    context.metrics?.jobDone(job.queueName, OUTCOME_OF[decision.action], durationMs);
    switch (decision.action) {
      case 'rate-limit': {
        context.logger.info({ waitMs: decision.waitMs, durationMs }, 'github budget exhausted: queue paused');
        await context.worker()?.rateLimit(decision.waitMs);
        throw Worker.RateLimitError();
      }
      case 'give-back':
        context.logger.info({ durationMs }, 'job given back on shutdown');
        throw Worker.RateLimitError();
      case 'give-up':
        context.logger.warn(
          { code: decision.code, err: { message: decision.message }, durationMs },
          'job given up',
        );
        await recordQuietly(context.logger, () => onFinal(decision));
        throw new UnrecoverableError(`${decision.code}: ${decision.message}`);
      case 'retry': {
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        context.logger.warn(
          {
            code: decision.code,
            err: { message: decision.message },
            attempt: job.attemptsMade + 1,
            last,
            durationMs,
          },
          'job failed',
        );
        if (last) await recordQuietly(context.logger, () => onFinal(decision));
        // A plain Error with the redacted message: never the original (it may hold request details).
        // eslint-disable-next-line preserve-caught-error
        throw new Error(`${decision.code}: ${decision.message}`);
      }
    }
  }
}

const OUTCOME_OF = {
  'rate-limit': 'rate-limited',
  'give-back': 'given-back',
  'give-up': 'failed',
  retry: 'failed',
} as const satisfies Record<FailureDecision['action'], JobOutcome>;

/** Recording a failure must not hide it: the database may be the thing that is down. */
async function recordQuietly(logger: Logger, record: () => Promise<void>): Promise<void> {
  try {
    await record();
  } catch (err) {
    logger.warn({ err: { message: (err as Error).message } }, 'could not record the failure');
  }
}
