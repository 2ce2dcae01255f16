import type { Job } from 'bullmq';
import type { StageResult } from '../src/crawl/stage.js';
import { crawlStagePayload, parsePayload } from '../src/jobs/crawl-payloads.js';
import { earlierStageResults, recordStageFailure, skipReason, stageFunction } from './crawl-stage.steps.js';
import { runJob, type JobRunContext } from './run-job.js';
import type { WorkerDeps } from './worker-deps.js';

export interface StageJobResult {
  /** Results of this repository's stages so far in this run, this one last. */
  readonly results: readonly StageResult[];
  readonly skipped?: string;
}

/** One crawl stage of one repository: the same stage function the embedded runner calls. */
export function crawlStageProcessor(deps: WorkerDeps, context: Omit<JobRunContext, 'logger'>) {
  return async (job: Job): Promise<StageJobResult> => {
    const payload = parsePayload(crawlStagePayload, job.data);
    const logger = deps.logger.child({
      queue: job.queueName,
      jobId: job.id,
      repositoryId: payload.repositoryId,
      stage: payload.stage,
    });
    return runJob(
      { ...context, logger },
      job,
      async () => {
        const earlier = await earlierStageResults(job);
        const skipped =
          payload.stage === 'repository' ? undefined : await skipReason(deps.db, payload.repositoryId);
        if (skipped) return { results: earlier, skipped };
        const started = Date.now();
        const result = await stageFunction(payload.stage)(
          { ...deps.crawl, logger },
          { repositoryId: payload.repositoryId },
        );
        context.metrics?.rowsUpserted(payload.stage, result.rows);
        logger.info(
          {
            outcome: result.outcome,
            rows: result.rows,
            pages: result.pages,
            durationMs: Date.now() - started,
          },
          'stage done',
        );
        return { results: [...earlier, result] };
      },
      (decision) => recordStageFailure(deps.db, payload, decision),
    );
  };
}
