import type { Job } from 'bullmq';
import { crawlRepositoryPayload, parsePayload } from '../src/jobs/crawl-payloads.js';
import { enqueueAnalysis } from '../src/jobs/enqueue-analysis.js';
import { decideRepositoryState, type RepositoryCrawlOutcome } from './crawl-repository.steps.js';
import { earlierStageResults } from './crawl-stage.steps.js';
import { runJob, type JobRunContext } from './run-job.js';
import type { WorkerDeps } from './worker-deps.js';

/**
 * The parent of a repository's stage jobs: runs once every stage ended (a stage that finally failed
 * is an ignored dependency) and records the repository's crawl state as the embedded runner does.
 * Its last act adds the repository's analysis (geography, score) for the same window, so the job
 * is completed only once that is queued (`crawl --wait` then follows it).
 */
export function crawlRepositoryProcessor(deps: WorkerDeps, context: Omit<JobRunContext, 'logger'>) {
  return async (job: Job): Promise<RepositoryCrawlOutcome> => {
    const payload = parsePayload(crawlRepositoryPayload, job.data);
    const logger = deps.logger.child({
      queue: job.queueName,
      jobId: job.id,
      repositoryId: payload.repositoryId,
    });
    return runJob({ ...context, logger }, job, async () => {
      const results = await earlierStageResults(job);
      const outcome = await decideRepositoryState(deps.db, payload.repositoryId, results, new Date());
      logger.info({ state: outcome.state, repository: outcome.fullName }, 'repository crawled');
      await enqueueAnalysis(deps.queues, payload.repositoryId, payload.window);
      return outcome;
    });
  };
}
