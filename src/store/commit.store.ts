import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { CommitTable } from '../../schema/tables/commit.table.js';
import { bulkUpsert, type BulkColumn, type UpsertResult } from './bulk-upsert.js';

/** A default-branch commit as the crawler hands it over (GraphQL history gives all of it). */
export interface CommitRecord {
  sha: string;
  authorName: string | null;
  authorEmail: string | null;
  authorLogin: string | null;
  authorUserId: number | null;
  /** The instant; `authorUtcOffsetMinutes` keeps the original offset (+08:00 → 480). */
  authoredAt: Date;
  authorUtcOffsetMinutes: number;
  committerName: string | null;
  committerEmail: string | null;
  committerLogin: string | null;
  committerUserId: number | null;
  committedAt: Date;
  committerUtcOffsetMinutes: number;
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  /** First line of the message (longer input is cut to 1,000 characters). */
  messageHeadline: string;
  parentCount: number;
}

export interface Commit extends CommitRecord {
  repositoryId: number;
}

const HEADLINE_MAX = 1_000;

const COLUMNS: readonly BulkColumn[] = [
  { name: 'repository_id', type: 'integer' },
  { name: 'sha', type: 'text' },
  { name: 'author_name', type: 'text' },
  { name: 'author_email', type: 'text' },
  { name: 'author_login', type: 'text' },
  { name: 'author_user_id', type: 'bigint' },
  { name: 'authored_at', type: 'timestamptz' },
  { name: 'author_utc_offset_minutes', type: 'smallint' },
  { name: 'committer_name', type: 'text' },
  { name: 'committer_email', type: 'text' },
  { name: 'committer_login', type: 'text' },
  { name: 'committer_user_id', type: 'bigint' },
  { name: 'committed_at', type: 'timestamptz' },
  { name: 'committer_utc_offset_minutes', type: 'smallint' },
  { name: 'additions', type: 'integer' },
  { name: 'deletions', type: 'integer' },
  { name: 'changed_files', type: 'integer' },
  { name: 'message_headline', type: 'text' },
  { name: 'parent_count', type: 'smallint' },
];

/** Inserts new commits and updates changed ones; re-running with the same input changes nothing. */
export async function upsertCommits(
  db: Kysely<Database>,
  repositoryId: number,
  commits: readonly CommitRecord[],
): Promise<UpsertResult> {
  const rows = commits.map((c) => [
    repositoryId,
    c.sha,
    c.authorName,
    c.authorEmail,
    c.authorLogin,
    c.authorUserId,
    c.authoredAt,
    c.authorUtcOffsetMinutes,
    c.committerName,
    c.committerEmail,
    c.committerLogin,
    c.committerUserId,
    c.committedAt,
    c.committerUtcOffsetMinutes,
    c.additions,
    c.deletions,
    c.changedFiles,
    headline(c.messageHeadline),
    c.parentCount,
  ]);
  return bulkUpsert(
    db,
    { table: 'commit', columns: COLUMNS, key: ['repository_id', 'sha'], lockRepository: true },
    rows,
  );
}

/** The subset of `shas` already stored: the crawler pages history until it reaches a known SHA. */
export async function findKnownCommitShas(
  db: Kysely<Database>,
  repositoryId: number,
  shas: readonly string[],
): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const rows = await db
    .selectFrom('commit')
    .select('sha')
    .where('repository_id', '=', repositoryId)
    .where('sha', 'in', [...shas])
    .execute();
  return new Set(rows.map((r) => r.sha));
}

export interface ListCommitsOptions {
  /** Only commits authored at or after this instant. */
  since?: Date;
  limit?: number;
}

/** Commits of a repository, newest first by author date. */
export async function listCommits(
  db: Kysely<Database>,
  repositoryId: number,
  options: ListCommitsOptions = {},
): Promise<Commit[]> {
  let query = db
    .selectFrom('commit')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .orderBy('authored_at', 'desc')
    .orderBy('sha');
  if (options.since) query = query.where('authored_at', '>=', options.since);
  if (options.limit !== undefined) query = query.limit(options.limit);
  return (await query.execute()).map(toCommit);
}

function headline(message: string): string {
  const first = message.split('\n', 1)[0] ?? '';
  return first.length > HEADLINE_MAX ? first.slice(0, HEADLINE_MAX) : first;
}

function toCommit(row: Selectable<CommitTable>): Commit {
  return {
    repositoryId: row.repository_id,
    sha: row.sha,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorLogin: row.author_login,
    authorUserId: row.author_user_id,
    authoredAt: row.authored_at,
    authorUtcOffsetMinutes: row.author_utc_offset_minutes,
    committerName: row.committer_name,
    committerEmail: row.committer_email,
    committerLogin: row.committer_login,
    committerUserId: row.committer_user_id,
    committedAt: row.committed_at,
    committerUtcOffsetMinutes: row.committer_utc_offset_minutes,
    additions: row.additions,
    deletions: row.deletions,
    changedFiles: row.changed_files,
    messageHeadline: row.message_headline,
    parentCount: row.parent_count,
  };
}
