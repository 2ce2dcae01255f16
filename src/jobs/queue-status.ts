import type { JobQueues } from './job-queues.js';
import { deploymentQueues } from './queue-names.js';

export interface QueueStatus {
  readonly queue: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly waitingChildren: number;
  /** Age of the oldest job still waiting to run (null when none waits). */
  readonly oldestWaitingAgeSeconds: number | null;
  /** A rate limit set by `worker.rateLimit` (an exhausted credential), in ms; 0 when none. */
  readonly rateLimitedForMs: number;
}

/** Depth and age of every queue of the deployment (stage queues of the given credentials, analyses). */
export async function listQueueStatus(
  queues: JobQueues,
  fingerprints: readonly string[],
  nowMs = Date.now(),
): Promise<QueueStatus[]> {
  return Promise.all(
    deploymentQueues(fingerprints).map(async (name) => {
      const queue = queues.queue(name);
      const counts = await queue.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'failed',
        'waiting-children',
        'prioritized',
      );
      const [oldest] = await queue.getJobs(['wait', 'prioritized'], 0, 0, true);
      return {
        queue: name,
        waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
        active: counts['active'] ?? 0,
        delayed: counts['delayed'] ?? 0,
        failed: counts['failed'] ?? 0,
        waitingChildren: counts['waiting-children'] ?? 0,
        oldestWaitingAgeSeconds: oldest ? Math.max(0, Math.round((nowMs - oldest.timestamp) / 1000)) : null,
        rateLimitedForMs: Math.max(0, await queue.getRateLimitTtl()),
      };
    }),
  );
}
