import type { Job } from 'bullmq';
import { enqueueCrawls } from '../src/jobs/crawl-flow.js';
import { parsePayload, scheduleTriggerPayload, windowOf } from '../src/jobs/crawl-payloads.js';
import { findSchedule, listScheduledRepositoryIds } from '../src/store/schedule.store.js';
import { runJob, type JobRunContext } from './run-job.js';
import type { WorkerDeps } from './worker-deps.js';

/**
 * A schedule fired: enqueue a crawl flow per repository it covers. The window is the minute the
 * schedule fired for, so a retried trigger adds nothing twice (deterministic job ids).
 */
export function scheduleTriggerProcessor(deps: WorkerDeps, context: Omit<JobRunContext, 'logger'>) {
  return async (job: Job): Promise<{ enqueued: number; skipped?: string }> => {
    const { scheduleId } = parsePayload(scheduleTriggerPayload, job.data);
    const logger = deps.logger.child({ queue: job.queueName, jobId: job.id, scheduleId });
    return runJob({ ...context, logger }, job, async () => {
      const schedule = await findSchedule(deps.db, scheduleId);
      // Removed since: reconciliation drops its scheduler; nothing to crawl.
      if (!schedule) return { enqueued: 0, skipped: 'schedule removed' };
      const ids = await listScheduledRepositoryIds(deps.db, schedule.target);
      const window = windowOf(new Date(job.timestamp + (job.opts.delay ?? 0)));
      const added = await enqueueCrawls(deps.db, deps.queues, ids, window, deps.fingerprints);
      const enqueued = added.filter((a) => a.added).length;
      logger.info({ schedule: schedule.label, repositories: ids.length, enqueued, window }, 'schedule fired');
      return { enqueued };
    });
  };
}
