import type { AnalyseRepositoryPayload } from './crawl-payloads.js';
import { analyseJobId } from './job-ids.js';
import { ANALYSE_JOB_OPTIONS } from './job-options.js';
import type { JobQueues } from './job-queues.js';
import { ANALYSE_REPOSITORY_QUEUE } from './queue-names.js';

/**
 * Adds the analysis (geography, then a score snapshot) that follows a repository's crawl of `window`.
 * Called by the `crawl-repository` job at its end; the deterministic id makes a retried parent add
 * nothing twice (BullMQ ignores an add whose job id exists).
 */
export async function enqueueAnalysis(
  queues: JobQueues,
  repositoryId: number,
  window: string,
): Promise<string> {
  const jobId = analyseJobId(repositoryId, window);
  const data: AnalyseRepositoryPayload = { repositoryId, window };
  await queues.queue(ANALYSE_REPOSITORY_QUEUE).add('analyse', data, { ...ANALYSE_JOB_OPTIONS, jobId });
  return jobId;
}
