import type { Job } from 'bullmq';
import { loadScoringConfig } from '../config/scoring/load-scoring-config.js';
import { analyseRepositoryPayload, parsePayload } from '../src/jobs/crawl-payloads.js';
import { inferGeography } from '../src/runtime/infer-geography.js';
import { scoreAndStoreRepository } from '../src/runtime/score-repositories.js';
import { runJob, type JobRunContext } from './run-job.js';
import type { WorkerDeps } from './worker-deps.js';

export interface AnalyseOutcome {
  readonly inferred: number;
  readonly score: number | null;
  readonly written: number;
}

/**
 * What follows a repository's crawl in distributed mode, as the in-process crawl does
 * (cli/after-crawl-step.ts): geography first, because the score's outside-China metrics read the
 * inferred regions, then a score snapshot as of now. Both are upserts: a retry is harmless.
 */
export function analyseRepositoryProcessor(deps: WorkerDeps, context: Omit<JobRunContext, 'logger'>) {
  return async (job: Job): Promise<AnalyseOutcome> => {
    const { repositoryId } = parsePayload(analyseRepositoryPayload, job.data);
    const logger = deps.logger.child({ queue: job.queueName, jobId: job.id, repositoryId });
    return runJob({ ...context, logger }, job, async () => {
      const geography = await inferGeography(deps.db, [repositoryId], { mode: deps.geoMode });
      const scored = await scoreAndStoreRepository(deps.db, repositoryId, {
        asOf: Date.now(),
        config: loadScoringConfig(),
        geoMode: deps.geoMode,
      });
      const outcome = {
        inferred: geography.inferred,
        score: scored.result.health.score,
        written: scored.written,
      };
      logger.info(outcome, 'repository analysed');
      return outcome;
    });
  };
}
