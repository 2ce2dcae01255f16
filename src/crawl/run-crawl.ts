import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { isVitalsError, VitalsError } from '../shared/errors.js';
import { redactText } from '../shared/redact.js';
import { upsertCrawlState, type CrawlEntity } from '../store/crawl-state.store.js';
import { getRepository, setRepositoryState } from '../store/repository.store.js';
import type { CrawlDeps, StageName, StageResult } from './stage.js';
import { CRAWL_STAGES, type StageDefinition } from './stages.js';

/**
 * The embedded runner (design §2: no REDIS_URL): each repository runs its stages in dependency
 * order (stages.ts: waves, or a stage's `after`); repositories run side by side up to `concurrency`.
 * This is the one place that decides what a stage failure means for the rest of the crawl:
 * - gone / blocked (404/410/451) → recorded on the repository; its remaining stages are skipped;
 * - a failed repository stage or a rejected credential (401) → the rest is skipped (it would fail alike);
 * - any other failure → recorded on that stage's crawl_state (last_error); the later stages of the
 *   repository still run (they do not need each other's rows), and the repository is `partial`;
 * - a repository's trouble never stops the other repositories.
 */
export type RepositoryCrawlState = 'ok' | 'partial' | 'gone' | 'blocked' | 'empty';

export interface StageFailure {
  readonly stage: StageName;
  readonly code: string;
  readonly message: string;
}

export interface RepositoryCrawlSummary {
  readonly repositoryId: number;
  /** `owner/name` as known after the crawl (the new name when GitHub reported a rename). */
  readonly fullName: string;
  readonly state: RepositoryCrawlState;
  readonly stages: readonly StageResult[];
  readonly failures: readonly StageFailure[];
  readonly durationMs: number;
}

export interface CrawlSummary {
  readonly repositories: readonly RepositoryCrawlSummary[];
  /** True when every repository ended ok, empty, gone or blocked (the CLI's exit 0). */
  readonly completed: boolean;
  readonly durationMs: number;
}

export type CrawlEvent =
  | { type: 'crawl-start'; total: number }
  | { type: 'stage-start'; repositoryId: number; fullName: string; stage: StageName }
  | { type: 'stage-done'; repositoryId: number; fullName: string; result: StageResult }
  | { type: 'stage-failed'; repositoryId: number; fullName: string; failure: StageFailure }
  | { type: 'repository-done'; summary: RepositoryCrawlSummary; done: number; total: number };

export interface RunCrawlOptions {
  /** Repositories crawled at once. Low by default: all share the credentials' secondary limits. */
  readonly concurrency?: number;
  readonly stages?: readonly StageDefinition[];
  readonly onEvent?: (event: CrawlEvent) => void;
  readonly signal?: AbortSignal;
}

export async function runCrawl(
  deps: CrawlDeps,
  repositoryIds: readonly number[],
  options: RunCrawlOptions = {},
): Promise<CrawlSummary> {
  const started = Date.now();
  const emit = options.onEvent ?? (() => undefined);
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const summaries: RepositoryCrawlSummary[] = [];
  emit({ type: 'crawl-start', total: repositoryIds.length });
  let next = 0;
  const lane = async () => {
    while (next < repositoryIds.length) {
      if (options.signal?.aborted) return;
      const repositoryId = repositoryIds[next++] as number;
      const summary = await crawlRepository(deps, repositoryId, options.stages ?? CRAWL_STAGES, emit);
      summaries.push(summary);
      emit({ type: 'repository-done', summary, done: summaries.length, total: repositoryIds.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, repositoryIds.length) }, lane));
  const ordered = repositoryIds
    .map((id) => summaries.find((s) => s.repositoryId === id))
    .filter((s): s is RepositoryCrawlSummary => s !== undefined);
  return {
    repositories: ordered,
    completed: ordered.length === repositoryIds.length && ordered.every((s) => s.state !== 'partial'),
    durationMs: Date.now() - started,
  };
}

async function crawlRepository(
  deps: CrawlDeps,
  repositoryId: number,
  stages: readonly StageDefinition[],
  emit: (event: CrawlEvent) => void,
): Promise<RepositoryCrawlSummary> {
  const started = Date.now();
  const logger = deps.logger.child({ repositoryId });
  let fullName = (await findRepositoryLabel(deps.db, repositoryId)) ?? `#${repositoryId}`;
  const results: StageResult[] = [];
  const failures: StageFailure[] = [];
  let state: RepositoryCrawlState = 'ok';
  let reason: string | null = null;
  let stop: RepositoryCrawlState | undefined;

  /** Runs one stage; the runner alone decides what its failure means. Returns false to stop the repository. */
  const runStage = async ({ name, run }: StageDefinition): Promise<boolean> => {
    emit({ type: 'stage-start', repositoryId, fullName, stage: name });
    const stageStarted = Date.now();
    try {
      const result = await run({ ...deps, logger: logger.child({ stage: name }) }, { repositoryId });
      results.push(result);
      logger.debug(
        {
          stage: name,
          outcome: result.outcome,
          rows: result.rows,
          pages: result.pages,
          durationMs: Date.now() - stageStarted,
        },
        'stage done',
      );
      emit({ type: 'stage-done', repositoryId, fullName, result });
      if (name === 'repository') fullName = (await findRepositoryLabel(deps.db, repositoryId)) ?? fullName;
      if (result.outcome === 'gone' || result.outcome === 'blocked') {
        // The stage recorded the state and its reason on the repository row.
        stop = result.outcome;
        return false;
      }
      if (result.outcome === 'empty' && name === 'commits' && state === 'ok') state = 'empty';
      return true;
    } catch (err) {
      const trouble = repositoryTrouble(err);
      if (trouble) {
        // Gone or blocked between stages: the same fact as the repository stage finding it.
        await setRepositoryState(deps.db, repositoryId, { state: trouble, reason: safeMessage(err) });
        stop = trouble;
        return false;
      }
      const failure: StageFailure = { stage: name, code: errorCode(err), message: safeMessage(err) };
      failures.push(failure);
      state = 'partial';
      reason ??= `${name}: ${failure.code}`;
      logger.warn({ stage: name, err, durationMs: Date.now() - stageStarted }, 'stage failed');
      emit({ type: 'stage-failed', repositoryId, fullName, failure });
      await upsertCrawlState(deps.db, repositoryId, ENTITY_OF[name], {
        status: 'failed',
        lastError: `${failure.code}: ${failure.message}`,
      });
      // Without metadata or a usable credential nothing else can succeed; skip the rest.
      return !(name === 'repository' || isVitalsError(err, 'GH_AUTH_FAILED'));
    }
  };

  // Each stage starts once the stages it depends on have ended: every stage of the earlier waves, or
  // only those it names in `after`. Stages running side by side touch different tables (the client's
  // per-credential concurrency bounds the requests in flight). A stop or halt skips what has not started.
  let halted = false;
  const ended = new Map<StageName, Promise<void>>();
  for (const definition of [...stages].sort((a, b) => a.wave - b.wave)) {
    const needs = definition.after ?? stages.filter((s) => s.wave < definition.wave).map((s) => s.name);
    const ready = Promise.all(needs.map((name) => ended.get(name)));
    ended.set(
      definition.name,
      ready.then(async () => {
        if (stop || halted) return;
        if (!(await runStage(definition))) halted = true;
      }),
    );
  }
  await Promise.all(ended.values());
  if (stop) return summary(stop);
  await setRepositoryState(deps.db, repositoryId, {
    state,
    reason,
    ...(state === 'ok' || state === 'empty' ? { lastSuccessAt: deps.clock.now() } : {}),
  });
  return summary(state);

  function summary(final: RepositoryCrawlState): RepositoryCrawlSummary {
    return {
      repositoryId,
      fullName,
      state: final,
      stages: results,
      failures,
      durationMs: Date.now() - started,
    };
  }
}

/** crawl_state entity of each stage (the comments stage also keeps `review_comments`). */
const ENTITY_OF: Record<StageName, CrawlEntity> = {
  repository: 'repo',
  commits: 'commits',
  contributors: 'contributors',
  issues: 'issues',
  comments: 'comments',
  reviews: 'reviews',
  releases: 'releases',
  users: 'users',
};

async function findRepositoryLabel(db: Kysely<Database>, repositoryId: number): Promise<string | undefined> {
  try {
    return (await getRepository(db, repositoryId)).fullName;
  } catch {
    return undefined;
  }
}

function repositoryTrouble(err: unknown): 'gone' | 'blocked' | undefined {
  if (isVitalsError(err, 'GH_REPOSITORY_GONE')) return 'gone';
  if (isVitalsError(err, 'GH_REPOSITORY_BLOCKED')) return 'blocked';
  return undefined;
}

function errorCode(err: unknown): string {
  return err instanceof VitalsError ? err.code : 'INTERNAL';
}

/** Error text is stored in crawl_state and shown to operators: mask anything shaped like a secret. */
function safeMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return redactText(text).slice(0, 1000);
}
