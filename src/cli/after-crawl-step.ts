import type { Kysely } from 'kysely';
import type { GeoMode } from '../../config/load-config.js';
import type { Database } from '../../schema/database.js';
import { inferAndReport } from './infer-geography-step.js';
import { scoreAndReport } from './score-step.js';

/**
 * What follows a crawl in-process (`vitals crawl`, `crawl --wait`, `vitals demo`): geography first,
 * because the score's outside-China metrics read the inferred regions, then a score snapshot.
 */
export async function analyseAfterCrawl(
  db: Kysely<Database>,
  repositoryIds: readonly number[],
  geoMode: GeoMode,
  options: { backfill?: boolean } = {},
): Promise<void> {
  await inferAndReport(db, repositoryIds, geoMode);
  await scoreAndReport(db, repositoryIds, { geoMode, backfill: options.backfill === true });
}
