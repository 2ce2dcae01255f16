import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { GithubUserTable, GithubUserType } from '../../schema/tables/github-user.table.js';
import { bulkUpsert, type BulkColumn, type UpsertResult } from './bulk-upsert.js';

/** A GitHub account seen as an author somewhere (id and login are all we know yet). */
export interface GithubUserRef {
  id: number;
  login: string;
  type: GithubUserType;
  /** Default: GitHub's own marks (see looksLikeBot). */
  isBot?: boolean;
}

/** A fetched profile (GraphQL `User`, batched up to 100 per query). */
export interface GithubUserProfile {
  id: number;
  login: string;
  type: GithubUserType;
  isBot: boolean;
  name: string | null;
  company: string | null;
  blog: string | null;
  location: string | null;
  email: string | null;
  bio: string | null;
  twitterUsername: string | null;
  createdAt: Date | null;
  updatedAtGithub: Date | null;
  /** When the profile was fetched. */
  observedAt: Date;
}

export interface GithubUser extends Omit<GithubUserProfile, 'observedAt'> {
  /** null: only seen as a reference, the profile was never fetched. */
  observedAt: Date | null;
  firstSeenAt: Date;
}

const REF_COLUMNS: readonly BulkColumn[] = [
  { name: 'id', type: 'bigint' },
  { name: 'login', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'is_bot', type: 'boolean' },
];

const PROFILE_COLUMNS: readonly BulkColumn[] = [
  ...REF_COLUMNS,
  { name: 'name', type: 'text' },
  { name: 'company', type: 'text' },
  { name: 'blog', type: 'text' },
  { name: 'location', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'bio', type: 'text' },
  { name: 'twitter_username', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at_github', type: 'timestamptz' },
  { name: 'observed_at', type: 'timestamptz' },
];

/** Bots by GitHub's own marks: account type `Bot` or the `[bot]` login suffix of GitHub Apps. */
export function looksLikeBot(login: string, type?: GithubUserType): boolean {
  return type === 'Bot' || /\[bot\]$/i.test(login);
}

/**
 * Records accounts seen as authors, keeping any profile already fetched: only login, type and the
 * bot flag are updated (a login can change; the id stays).
 */
export async function upsertUserRefs(
  db: Kysely<Database>,
  refs: readonly GithubUserRef[],
): Promise<UpsertResult> {
  const rows = refs.map((r) => [r.id, r.login, r.type, r.isBot ?? looksLikeBot(r.login, r.type)]);
  return bulkUpsert(
    db,
    { table: 'github_user', columns: REF_COLUMNS, key: ['id'], mostlyUnchanged: true },
    rows,
  );
}

/** Stores fetched profiles (all profile fields replaced, `observed_at` set). */
export async function upsertUsers(
  db: Kysely<Database>,
  users: readonly GithubUserProfile[],
): Promise<UpsertResult> {
  const rows = users.map((u) => [
    u.id,
    u.login,
    u.type,
    u.isBot,
    u.name,
    u.company,
    u.blog,
    u.location,
    u.email,
    u.bio,
    u.twitterUsername,
    u.createdAt,
    u.updatedAtGithub,
    u.observedAt,
  ]);
  return bulkUpsert(db, { table: 'github_user', columns: PROFILE_COLUMNS, key: ['id'] }, rows);
}

export async function findUser(db: Kysely<Database>, id: number): Promise<GithubUser | undefined> {
  const row = await db.selectFrom('github_user').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** Accounts that had this login (case-insensitive), most recently fetched first. */
export async function findUsersByLogin(db: Kysely<Database>, login: string): Promise<GithubUser[]> {
  const rows = await db
    .selectFrom('github_user')
    .selectAll()
    .where(sql<string>`lower(login)`, '=', login.toLowerCase())
    .orderBy(sql`observed_at desc nulls last`)
    .execute();
  return rows.map(toUser);
}

export interface UsersToRefreshOptions {
  /** Profiles fetched before this instant (or never) are due. */
  observedBefore: Date;
  /** Only accounts referenced by this repository's rows. */
  repositoryId?: number;
  limit?: number;
}

/**
 * Accounts whose profile is missing or older than `observedBefore`, oldest first — the crawler's
 * users stage fetches them in batches of 100. Bots are skipped (their profiles carry no geography).
 */
export async function listUsersToRefresh(
  db: Kysely<Database>,
  options: UsersToRefreshOptions,
): Promise<GithubUserRef[]> {
  let query = db
    .selectFrom('github_user')
    .select(['id', 'login', 'type', 'is_bot'])
    .where('is_bot', '=', false)
    .where((eb) => eb.or([eb('observed_at', 'is', null), eb('observed_at', '<', options.observedBefore)]))
    .orderBy(sql`observed_at asc nulls first`)
    .orderBy('id');
  if (options.repositoryId !== undefined) {
    const id = options.repositoryId;
    query = query.where(
      sql<boolean>`id in (
        select author_user_id from "commit" where repository_id = ${id}
        union select committer_user_id from "commit" where repository_id = ${id}
        union select author_user_id from issue where repository_id = ${id}
        union select author_user_id from issue_comment where repository_id = ${id}
        union select author_user_id from review where repository_id = ${id}
        union select author_user_id from review_comment where repository_id = ${id}
        union select author_user_id from release where repository_id = ${id}
        union select user_id from contributor where repository_id = ${id})`,
    );
  }
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, login: r.login, type: r.type, isBot: r.is_bot }));
}

function toUser(row: Selectable<GithubUserTable>): GithubUser {
  return {
    id: row.id,
    login: row.login,
    type: row.type,
    isBot: row.is_bot,
    name: row.name,
    company: row.company,
    blog: row.blog,
    location: row.location,
    email: row.email,
    bio: row.bio,
    twitterUsername: row.twitter_username,
    createdAt: row.created_at,
    updatedAtGithub: row.updated_at_github,
    observedAt: row.observed_at,
    firstSeenAt: row.first_seen_at,
  };
}

/**
 * Accounts GitHub no longer resolves by login (renamed or deleted since we saw them): note that we
 * looked, so they are not asked for again before the profile TTL.
 */
export async function markUsersObserved(
  db: Kysely<Database>,
  ids: readonly number[],
  observedAt: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('github_user')
    .set({ observed_at: observedAt })
    .where('id', 'in', [...ids])
    .execute();
}
