import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';

/**
 * Tables holding one GitHub object per row, keyed by (repository_id, github_id), whose rows
 * reconciliation lists and prunes once GitHub answers 404/410 for them.
 */
export type GithubIdTable = 'issue_comment' | 'review_comment' | 'release';

/** GitHub ids of a repository's rows in `table` whose `column` is at most `upTo`. */
export async function listGithubIds(
  db: Kysely<Database>,
  table: GithubIdTable,
  repositoryId: number,
  column: 'updated_at' | 'created_at',
  upTo: Date,
): Promise<number[]> {
  const rows = await db
    .selectFrom(table)
    .select('github_id')
    .where('repository_id', '=', repositoryId)
    .where(sql.ref(column), '<=', upTo)
    .execute();
  return rows.map((r) => r.github_id);
}

/** Deletes a repository's rows in `table` that GitHub no longer has. Returns how many were deleted. */
export async function deleteByGithubId(
  db: Kysely<Database>,
  table: GithubIdTable,
  repositoryId: number,
  githubIds: readonly number[],
): Promise<number> {
  if (githubIds.length === 0) return 0;
  const result = await db
    .deleteFrom(table)
    .where('repository_id', '=', repositoryId)
    .where(sql<boolean>`github_id = any(${[...githubIds]}::bigint[])`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
