import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { bulkUpsert, type BulkColumn, type UpsertResult } from './bulk-upsert.js';

/** One entry of REST `GET /repos/{owner}/{repo}/contributors?anon=1`. */
export interface ContributorRecord {
  /** null for anonymous entries (commits whose email GitHub links to no account). */
  login: string | null;
  userId: number | null;
  email: string | null;
  name: string | null;
  contributions: number;
  isAnonymous: boolean;
}

export interface Contributor extends ContributorRecord {
  repositoryId: number;
  key: string;
}

const COLUMNS: readonly BulkColumn[] = [
  { name: 'repository_id', type: 'integer' },
  { name: 'key', type: 'text' },
  { name: 'user_id', type: 'bigint' },
  { name: 'login', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'contributions', type: 'integer' },
  { name: 'is_anonymous', type: 'boolean' },
];

/** Stable key: the lower-cased login, or `anon:` + the lower-cased email (name if no email). */
export function contributorKey(
  c: Pick<ContributorRecord, 'login' | 'email' | 'name' | 'isAnonymous'>,
): string {
  if (!c.isAnonymous && c.login) return c.login.toLowerCase();
  return `anon:${(c.email ?? c.name ?? '').toLowerCase()}`;
}

/** Upserts by (repository, key); `observed_at` moves when an entry changes. */
export async function upsertContributors(
  db: Kysely<Database>,
  repositoryId: number,
  contributors: readonly ContributorRecord[],
): Promise<UpsertResult> {
  const rows = contributors.map((c) => [
    repositoryId,
    contributorKey(c),
    c.userId,
    c.login,
    c.email,
    c.name,
    c.contributions,
    c.isAnonymous,
  ]);
  return bulkUpsert(
    db,
    { table: 'contributor', columns: COLUMNS, key: ['repository_id', 'key'], touch: ['observed_at'] },
    rows,
  );
}

/**
 * After a complete walk of the contributor list: removes entries GitHub no longer lists (returns
 * how many). Run it in the caller's transaction together with the upsert.
 */
export async function deleteContributorsExcept(
  db: Kysely<Database>,
  repositoryId: number,
  keep: readonly ContributorRecord[],
): Promise<number> {
  const keys = keep.map(contributorKey);
  let query = db.deleteFrom('contributor').where('repository_id', '=', repositoryId);
  // One array parameter, however many entries (anonymous lists can be long).
  if (keys.length > 0) query = query.where(sql<boolean>`key <> all(${sql.val(keys)}::text[])`);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listContributors(db: Kysely<Database>, repositoryId: number): Promise<Contributor[]> {
  const rows = await db
    .selectFrom('contributor')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .orderBy('contributions', 'desc')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({
    repositoryId: r.repository_id,
    key: r.key,
    login: r.login,
    userId: r.user_id,
    email: r.email,
    name: r.name,
    contributions: r.contributions,
    isAnonymous: r.is_anonymous,
  }));
}
