import type { Kysely } from 'kysely';
import { loadScoringConfig } from '../../config/scoring/load-scoring-config.js';
import type { GeoMode } from '../../config/load-config.js';
import type { Database } from '../../schema/database.js';
import { scoreAndStoreRepositories, type RepositoryScoreOutcome } from '../runtime/score-repositories.js';

export interface ScoreStepOptions {
  readonly geoMode: GeoMode;
  /** Also store the monthly history (the demo does, so the report shows a trend at once). */
  readonly backfill?: boolean;
  readonly asOf?: Date;
}

/**
 * The scoring step after an in-process crawl (`vitals crawl`, `vitals demo`): a snapshot as of now
 * for each repository (the history the trend and alerts read), with one line on stderr.
 */
export async function scoreAndReport(
  db: Kysely<Database>,
  repositoryIds: readonly number[],
  options: ScoreStepOptions,
): Promise<RepositoryScoreOutcome[]> {
  const started = performance.now();
  const outcomes = await scoreAndStoreRepositories(db, repositoryIds, {
    asOf: (options.asOf ?? new Date()).getTime(),
    config: loadScoringConfig(),
    backfill: options.backfill === true,
    geoMode: options.geoMode,
  });
  const snapshots = outcomes.reduce((n, o) => n + o.snapshots, 0);
  process.stderr.write(
    `vitals: scores: ${outcomes.length} repositories, ${snapshots} snapshots stored, ${((performance.now() - started) / 1000).toFixed(1)}s\n`,
  );
  return outcomes;
}
