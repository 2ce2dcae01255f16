import type { Job } from 'bullmq';
import { crawlRepositoryPayload, parsePayload } from '../src/jobs/crawl-payloads.js';
import { decideRepositoryState, type RepositoryCrawlOutcome } from './crawl-repository.steps.js';
import { earlierStageResults } from './crawl-stage.steps.js';
import { runJob, type JobRunContext } from './run-job.js';
import type { WorkerDeps } from './worker-deps.js';

/**
 * The parent of a repository's stage jobs: runs once every stage ended (a stage that finally failed
 * is an ignored dependency) and records the repository's crawl state as the embedded runner does.
 * Hook: scoring and alerts become this job's parents in crawl-flow.ts when they exist.
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
      return outcome;
    });
  };
}
