import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import {
  scoreRepository,
  utcMonthEnd,
  utcMonthEndsBetween,
  type EpochMs,
  type RepositoryScore,
  type ScoreInput,
  type ScoringConfig,
} from '../score/index.js';
import type { GeoMode } from '../geo/geo.types.js';
import { loadPersonRegions, loadScoreInput } from '../store/score-input.store.js';
import { upsertScoreSnapshots, type ScoreSnapshot } from '../store/score-snapshot.store.js';
import { geographyFromScoreInput } from './score-geography.js';

/*
 * Composition of scoring: store (load one repository's input in lean SQL) → pure scoring → store
 * (snapshot upsert). Repositories are scored by a small pool of concurrent workers so PostgreSQL
 * aggregates the next repository while Node scores the current one.
 */

export interface ScoreRunOptions {
  readonly asOf: EpochMs;
  readonly config: ScoringConfig;
  /** Also store a snapshot at every UTC month end from the first activity up to asOf. */
  readonly backfill?: boolean;
  /** Repositories scored at once (default 3: two cores, one busy in SQL while one scores). */
  readonly concurrency?: number;
  /**
   * Geography definition for the outside-China metrics (one small query for the people's regions).
   * Absent: those metrics report null (they carry no weight in the v1 score: same score).
   */
  readonly geoMode?: GeoMode;
  /** Called after each repository (progress output). */
  readonly onScored?: (outcome: RepositoryScoreOutcome) => void;
}

export interface RepositoryScoreOutcome {
  readonly repositoryId: number;
  /** The score as of `asOf`. */
  readonly result: RepositoryScore;
  /** Snapshots computed (1, or 1 + month ends with --backfill) and how many rows changed. */
  readonly snapshots: number;
  readonly written: number;
  readonly durationMs: number;
}

export const DEFAULT_SCORE_CONCURRENCY = 3;

/** Scores one repository as of `options.asOf` (and its month ends with backfill) and stores it. */
export async function scoreAndStoreRepository(
  db: Kysely<Database>,
  repositoryId: number,
  options: ScoreRunOptions,
): Promise<RepositoryScoreOutcome> {
  const started = performance.now();
  const input = await loadScoreInput(db, repositoryId);
  const { asOf, config } = options;
  const snapshots: ScoreSnapshot[] = [];
  const { geoMode } = options;
  const regions = geoMode === undefined ? null : await loadPersonRegions(db, humanAuthorKeys(input), geoMode);
  const scoreAt = (at: EpochMs) => {
    if (geoMode === undefined || regions === null) return scoreRepository(input, at, config);
    const regionOf = (key: string) => regions.get(key) ?? 'UNKNOWN';
    const geography = geographyFromScoreInput(input, regionOf, at, geoMode);
    return scoreRepository({ ...input, geography }, at, config);
  };
  const toSnapshot = (result: RepositoryScore, kind: ScoreSnapshot['kind']): ScoreSnapshot => ({
    repositoryId,
    scoringVersion: config.version,
    asOf: new Date(result.asOf),
    kind,
    score: result.health.score,
    components: result.health.components,
    gate: result.health.gate,
    metrics: result.metrics,
  });
  if (options.backfill) {
    const first = firstActivity(input);
    if (first !== null)
      for (const monthEnd of utcMonthEndsBetween(first, asOf))
        if (monthEnd !== asOf)
          snapshots.push(toSnapshot(scoreRepository(input, monthEnd, config), 'monthly'));
  }
  const result = scoreAt(asOf);
  snapshots.push(toSnapshot(result, asOf === utcMonthEnd(asOf) ? 'monthly' : 'point'));
  const { written } = await upsertScoreSnapshots(db, snapshots);
  return {
    repositoryId,
    result,
    snapshots: snapshots.length,
    written,
    durationMs: performance.now() - started,
  };
}

/**
 * Scores many repositories with a pool of `concurrency` workers. Outcomes come back in input order.
 * The first failure stops handing out new repositories and is rethrown once running ones finish.
 */
export async function scoreAndStoreRepositories(
  db: Kysely<Database>,
  repositoryIds: readonly number[],
  options: ScoreRunOptions,
): Promise<RepositoryScoreOutcome[]> {
  const outcomes = new Array<RepositoryScoreOutcome>(repositoryIds.length);
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < repositoryIds.length) {
      const index = next;
      next += 1;
      try {
        const outcome = await scoreAndStoreRepository(db, repositoryIds[index]!, options);
        outcomes[index] = outcome;
        options.onScored?.(outcome);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  const size = Math.max(1, Math.min(options.concurrency ?? DEFAULT_SCORE_CONCURRENCY, repositoryIds.length));
  await Promise.all(Array.from({ length: size }, worker));
  if (failure !== undefined) throw failure;
  return outcomes;
}

/** Every non-bot person of the input (the people whose region the geography needs). */
export function humanAuthorKeys(input: ScoreInput): string[] {
  const keys = new Set<string>();
  for (const rows of [input.commits, input.issues, input.comments, input.reviews])
    for (const row of rows) if (!row.isBot) keys.add(row.authorKey);
  return [...keys].sort();
}

/** The earliest recorded event of any kind (bots included: the repository was active). */
function firstActivity(input: ScoreInput): EpochMs | null {
  let first: EpochMs | null = null;
  const see = (at: EpochMs) => {
    if (first === null || at < first) first = at;
  };
  for (const c of input.commits) see(c.authoredAt);
  for (const i of input.issues) see(i.createdAt);
  for (const c of input.comments) see(c.createdAt);
  for (const r of input.reviews) see(r.submittedAt);
  for (const r of input.releases) see(r.publishedAt);
  return first;
}
