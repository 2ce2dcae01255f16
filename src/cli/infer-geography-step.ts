import type { Kysely } from 'kysely';
import type { GeoMode } from '../../config/load-config.js';
import type { Database } from '../../schema/database.js';
import { inferGeography, type InferGeographyOutcome } from '../runtime/infer-geography.js';

/** The geography step after an in-process crawl (`vitals crawl`, `vitals demo`), with a line on stderr. */
export async function inferAndReport(
  db: Kysely<Database>,
  repositoryIds: readonly number[],
  mode: GeoMode,
): Promise<InferGeographyOutcome> {
  const outcome = await inferGeography(db, repositoryIds, { mode });
  process.stderr.write(
    `vitals: geography: ${outcome.inferred} of ${outcome.people} people (re)inferred, ${outcome.unchanged} unchanged, ${(outcome.durationMs / 1000).toFixed(1)}s\n`,
  );
  return outcome;
}
