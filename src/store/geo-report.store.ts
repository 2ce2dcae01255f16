import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';

/** Stores the per-project geography computed after an inference (one row per repository and mode). */
export async function upsertRepositoryGeography(
  db: Kysely<Database>,
  repositoryId: number,
  mode: string,
  asOf: Date,
  report: unknown,
): Promise<void> {
  const row = { repository_id: repositoryId, mode, as_of: asOf, report: JSON.stringify(report) };
  await db
    .insertInto('repository_geography')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['repository_id', 'mode']).doUpdateSet({ ...row, computed_at: new Date() }),
    )
    .execute();
}

/** The stored per-project geography under a mode, if computed. */
export async function findRepositoryGeography(
  db: Kysely<Database>,
  repositoryId: number,
  mode: string,
): Promise<{ asOf: Date; report: unknown; computedAt: Date } | undefined> {
  const row = await db
    .selectFrom('repository_geography')
    .select(['as_of', 'report', 'computed_at'])
    .where('repository_id', '=', repositoryId)
    .where('mode', '=', mode)
    .executeTakeFirst();
  return row && { asOf: row.as_of, report: row.report, computedAt: row.computed_at };
}
