import type { Job } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import type { Stage, StageName, StageResult } from '../src/crawl/stage.js';
import { CRAWL_STAGES } from '../src/crawl/stages.js';
import type { CrawlStagePayload } from '../src/jobs/crawl-payloads.js';
import { findCrawlState, upsertCrawlState, type CrawlEntity } from '../src/store/crawl-state.store.js';
import { getRepository, setRepositoryState } from '../src/store/repository.store.js';
import type { FailureDecision } from './decide-failure.js';

/** The helpers of crawl-stage.processor.ts, kept apart so the processor reads in one screen. */

export function stageFunction(name: StageName): Stage {
  const found = CRAWL_STAGES.find((s) => s.name === name);
  if (!found) throw new Error(`unknown crawl stage ${name}`);
  return found.run;
}

/** crawl_state entity of a stage (as the embedded runner records it). */
export function entityOf(stage: StageName): CrawlEntity {
  return stage === 'repository' ? 'repo' : stage;
}

/** The results the stage below this one passed up the chain (empty when it failed or is the first). */
export async function earlierStageResults(job: Job): Promise<StageResult[]> {
  const values = Object.values(await job.getChildrenValues<{ results?: StageResult[] }>());
  return values.flatMap((v) => v?.results ?? []);
}

/**
 * Why the rest of a repository's stages are skipped: the metadata stage found it gone or blocked,
 * or could not read it at all (nothing else can succeed without it).
 */
export async function skipReason(db: Kysely<Database>, repositoryId: number): Promise<string | undefined> {
  const repository = await getRepository(db, repositoryId);
  if (repository.state === 'gone' || repository.state === 'blocked') return `repository ${repository.state}`;
  const metadata = await findCrawlState(db, repositoryId, 'repo');
  if (metadata?.status === 'failed') return 'repository metadata stage failed';
  return undefined;
}

/** Records a stage failure that will not be retried where `vitals status` shows it. */
export async function recordStageFailure(
  db: Kysely<Database>,
  payload: CrawlStagePayload,
  decision: Extract<FailureDecision, { action: 'give-up' | 'retry' }>,
): Promise<void> {
  if ('repositoryState' in decision && decision.repositoryState) {
    await setRepositoryState(db, payload.repositoryId, {
      state: decision.repositoryState,
      reason: decision.message,
    });
    return;
  }
  await upsertCrawlState(db, payload.repositoryId, entityOf(payload.stage), {
    status: 'failed',
    lastError: `${decision.code}: ${decision.message}`,
  });
}
