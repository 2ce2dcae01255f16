import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { listSchedules, type Schedule } from '../store/schedule.store.js';
import type { ScheduleTriggerPayload } from './crawl-payloads.js';
import { scheduleIdOf, schedulerId } from './job-ids.js';
import { TRIGGER_JOB_OPTIONS } from './job-options.js';
import type { JobQueues } from './job-queues.js';
import { CRAWL_SCHEDULE_QUEUE } from './queue-names.js';
import { withRedisLease } from './redis-lock.js';

export interface ReconcileReport {
  readonly upserted: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * Makes BullMQ's job schedulers match the `schedule` table. Only one process at a time does this,
 * under a Redis lease: concurrent `upsertJobScheduler` calls for one scheduler are known to leave
 * duplicate delayed jobs or drop the schedule (taskforcesh/bullmq#2988, #3085). Unchanged
 * schedulers are left alone, so reconciling often (every worker does it each minute, `schedule
 * set|remove` right away) costs nothing. Answers undefined when another process held the lease
 * for longer than `waitMs` (it is reconciling the same rows).
 */
export async function reconcileSchedules(
  db: Kysely<Database>,
  queues: JobQueues,
  options: { waitMs?: number } = {},
): Promise<ReconcileReport | undefined> {
  return withRedisLease(
    queues.connection,
    `${queues.prefix}:vitals:lock:schedules`,
    async () => {
      const queue = queues.queue(CRAWL_SCHEDULE_QUEUE);
      const desired = await listSchedules(db);
      const existing = new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
      const report = { upserted: [] as string[], removed: [] as string[], unchanged: [] as string[] };
      for (const schedule of desired) {
        const id = schedulerId(schedule.id);
        const current = existing.get(id);
        if (current && sameCadence(schedule, current)) {
          report.unchanged.push(id);
          continue;
        }
        const data: ScheduleTriggerPayload = { scheduleId: schedule.id };
        await queue.upsertJobScheduler(
          id,
          'everySeconds' in schedule.cadence
            ? { every: schedule.cadence.everySeconds * 1000 }
            : { pattern: schedule.cadence.cron, tz: 'UTC' },
          { name: 'trigger', data, opts: TRIGGER_JOB_OPTIONS },
        );
        report.upserted.push(id);
      }
      const wanted = new Set(desired.map((s) => schedulerId(s.id)));
      for (const key of existing.keys()) {
        if (scheduleIdOf(key) === undefined || wanted.has(key)) continue;
        await queue.removeJobScheduler(key);
        report.removed.push(key);
      }
      return report;
    },
    { waitMs: options.waitMs ?? 0, leaseMs: 60_000 },
  );
}

function sameCadence(schedule: Schedule, current: { every?: number; pattern?: string }): boolean {
  return 'everySeconds' in schedule.cadence
    ? current.every === schedule.cadence.everySeconds * 1000 && !current.pattern
    : current.pattern === schedule.cadence.cron;
}

/** When each schedule fires next (BullMQ's view), by schedule id. */
export async function nextRuns(queues: JobQueues): Promise<Map<number, Date>> {
  const next = new Map<number, Date>();
  for (const scheduler of await queues.queue(CRAWL_SCHEDULE_QUEUE).getJobSchedulers(0, -1)) {
    const id = scheduleIdOf(scheduler.key);
    if (id !== undefined && scheduler.next !== undefined) next.set(id, new Date(scheduler.next));
  }
  return next;
}
