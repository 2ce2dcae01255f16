import { Job } from 'bullmq';
import type { JobQueues } from './job-queues.js';
import { CRAWL_REPOSITORY_QUEUE } from './queue-names.js';

export interface FlowProgress {
  readonly done: number;
  readonly total: number;
}

export interface FinishedFlow<R> {
  readonly jobId: string;
  /** The parent's return value when it completed, undefined when it failed or vanished. */
  readonly result: R | undefined;
  readonly failedReason: string | undefined;
}

/**
 * Follows crawl flows (parents in `crawl-repository`) until every one has finished, polling their
 * state: no QueueEvents stream to miss while Redis reconnects. A job removed by retention before we
 * saw it finish counts as finished without a result.
 */
export async function followCrawlFlows<R>(
  queues: JobQueues,
  jobIds: readonly string[],
  options: {
    pollMs?: number;
    signal?: AbortSignal;
    onProgress?: (p: FlowProgress) => void;
    /** Another queue's jobs to follow the same way (the analyses after the crawls). */
    queueName?: string;
  } = {},
): Promise<FinishedFlow<R>[]> {
  const queue = queues.queue(options.queueName ?? CRAWL_REPOSITORY_QUEUE);
  const finished = new Map<string, FinishedFlow<R>>();
  let reported = -1;
  while (finished.size < jobIds.length) {
    options.signal?.throwIfAborted();
    for (const jobId of jobIds) {
      if (finished.has(jobId)) continue;
      try {
        // State first, then the job: a job read before it completed would carry no return value.
        const state = await queue.getJobState(jobId);
        const job = state === 'unknown' ? undefined : await Job.fromId<unknown, R>(queue, jobId);
        if (!job) finished.set(jobId, { jobId, result: undefined, failedReason: 'job no longer in Redis' });
        else if (state === 'completed')
          finished.set(jobId, { jobId, result: job.returnvalue, failedReason: undefined });
        else if (state === 'failed')
          finished.set(jobId, { jobId, result: undefined, failedReason: job.failedReason || 'failed' });
      } catch {
        // Redis away for a moment: ask again next round.
      }
    }
    if (finished.size !== reported) {
      reported = finished.size;
      options.onProgress?.({ done: finished.size, total: jobIds.length });
    }
    if (finished.size < jobIds.length) await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  return jobIds.map((id) => finished.get(id) as FinishedFlow<R>);
}
