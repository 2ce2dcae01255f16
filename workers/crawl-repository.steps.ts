import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import type { StageResult } from '../src/crawl/stage.js';
import { listCrawlStates } from '../src/store/crawl-state.store.js';
import { getRepository, setRepositoryState, type RepositoryState } from '../src/store/repository.store.js';

export interface RepositoryCrawlOutcome {
  readonly repositoryId: number;
  readonly fullName: string;
  readonly state: RepositoryState;
  readonly reason: string | null;
  readonly stages: readonly StageResult[];
}

/**
 * gone/blocked stand as the stages recorded them; a stage whose last run failed makes the crawl
 * `partial`; a repository without commits is `empty`; else `ok`. Success moves last_success_at.
 */
export async function decideRepositoryState(
  db: Kysely<Database>,
  repositoryId: number,
  stages: readonly StageResult[],
  now: Date,
): Promise<RepositoryCrawlOutcome> {
  const repository = await getRepository(db, repositoryId);
  const outcome = (state: RepositoryState, reason: string | null): RepositoryCrawlOutcome => ({
    repositoryId,
    fullName: repository.fullName,
    state,
    reason,
    stages,
  });
  if (repository.state === 'gone' || repository.state === 'blocked')
    return outcome(repository.state, repository.stateReason);
  const states = await listCrawlStates(db, repositoryId);
  const failed = states.filter((s) => s.status === 'failed');
  if (failed.length > 0) {
    const reason = failed.map((s) => `${s.entity}: ${(s.lastError ?? 'failed').slice(0, 200)}`).join('; ');
    await setRepositoryState(db, repositoryId, { state: 'partial', reason });
    return outcome('partial', reason);
  }
  // As the embedded runner: `empty` when this run's commits stage found no commits.
  const empty = stages.some((s) => s.stage === 'commits' && s.outcome === 'empty');
  const state: RepositoryState = empty ? 'empty' : 'ok';
  await setRepositoryState(db, repositoryId, { state, reason: null, lastSuccessAt: now });
  return outcome(state, null);
}
