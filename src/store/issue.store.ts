import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { IssueTable } from '../../schema/tables/issue.table.js';
import { bulkUpsert, type BulkColumn, type UpsertResult } from './bulk-upsert.js';

/** An issue or pull request (REST issues list; PR columns from the pulls API or GraphQL). */
export interface IssueRecord {
  number: number;
  githubId: number;
  isPullRequest: boolean;
  title: string;
  /** null when the author's account was deleted ("ghost"). */
  authorLogin: string | null;
  authorUserId: number | null;
  authorAssociation: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  locked: boolean;
  labels: string[];
  commentCount: number;
  bodyLength: number | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedByLogin: string | null;
  mergedAt: Date | null;
  mergedByLogin: string | null;
  draft: boolean | null;
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
}

export interface Issue extends IssueRecord {
  repositoryId: number;
}

const COLUMNS: readonly BulkColumn[] = [
  { name: 'repository_id', type: 'integer' },
  { name: 'number', type: 'integer' },
  { name: 'github_id', type: 'bigint' },
  { name: 'is_pull_request', type: 'boolean' },
  { name: 'title', type: 'text' },
  { name: 'author_login', type: 'text' },
  { name: 'author_user_id', type: 'bigint' },
  { name: 'author_association', type: 'text' },
  { name: 'state', type: 'text' },
  { name: 'state_reason', type: 'text' },
  { name: 'locked', type: 'boolean' },
  { name: 'labels', type: 'text[]' },
  { name: 'comment_count', type: 'integer' },
  { name: 'body_length', type: 'integer' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'closed_at', type: 'timestamptz' },
  { name: 'closed_by_login', type: 'text' },
  { name: 'merged_at', type: 'timestamptz' },
  { name: 'merged_by_login', type: 'text' },
  { name: 'draft', type: 'boolean' },
  { name: 'additions', type: 'integer' },
  { name: 'deletions', type: 'integer' },
  { name: 'changed_files', type: 'integer' },
];

/**
 * Upserts issues and pull requests by (repository, number). Every column is replaced by the
 * incoming value, so callers pass complete records (the PR columns too, when they have them).
 */
export async function upsertIssues(
  db: Kysely<Database>,
  repositoryId: number,
  issues: readonly IssueRecord[],
): Promise<UpsertResult> {
  const rows = issues.map((i) => [
    repositoryId,
    i.number,
    i.githubId,
    i.isPullRequest,
    i.title,
    i.authorLogin,
    i.authorUserId,
    i.authorAssociation,
    i.state,
    i.stateReason,
    i.locked,
    i.labels,
    i.commentCount,
    i.bodyLength,
    i.createdAt,
    i.updatedAt,
    i.closedAt,
    i.closedByLogin,
    i.mergedAt,
    i.mergedByLogin,
    i.draft,
    i.additions,
    i.deletions,
    i.changedFiles,
  ]);
  return bulkUpsert(
    db,
    { table: 'issue', columns: COLUMNS, key: ['repository_id', 'number'], lockRepository: true },
    rows,
  );
}

/** Pull requests updated at or after `since` (reviews are re-fetched only for these). */
export async function listPullRequestNumbersUpdatedSince(
  db: Kysely<Database>,
  repositoryId: number,
  since: Date | null,
): Promise<number[]> {
  let query = db
    .selectFrom('issue')
    .select('number')
    .where('repository_id', '=', repositoryId)
    .where('is_pull_request', '=', true)
    .orderBy('number');
  if (since) query = query.where('updated_at', '>=', since);
  return (await query.execute()).map((r) => r.number);
}

export interface ListIssuesOptions {
  pullRequests?: boolean;
  limit?: number;
}

/** Issues (and/or pull requests) of a repository, by number. */
export async function listIssues(
  db: Kysely<Database>,
  repositoryId: number,
  options: ListIssuesOptions = {},
): Promise<Issue[]> {
  let query = db.selectFrom('issue').selectAll().where('repository_id', '=', repositoryId).orderBy('number');
  if (options.pullRequests !== undefined) query = query.where('is_pull_request', '=', options.pullRequests);
  if (options.limit !== undefined) query = query.limit(options.limit);
  return (await query.execute()).map(toIssue);
}

function toIssue(row: Selectable<IssueTable>): Issue {
  return {
    repositoryId: row.repository_id,
    number: row.number,
    githubId: row.github_id,
    isPullRequest: row.is_pull_request,
    title: row.title,
    authorLogin: row.author_login,
    authorUserId: row.author_user_id,
    authorAssociation: row.author_association,
    state: row.state,
    stateReason: row.state_reason,
    locked: row.locked,
    labels: row.labels,
    commentCount: row.comment_count,
    bodyLength: row.body_length,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    closedByLogin: row.closed_by_login,
    mergedAt: row.merged_at,
    mergedByLogin: row.merged_by_login,
    draft: row.draft,
    additions: row.additions,
    deletions: row.deletions,
    changedFiles: row.changed_files,
  };
}

/** Pull request columns the REST issue list lacks; the reviews stage reads them from GraphQL. */
export interface PullRequestDetails {
  readonly number: number;
  readonly mergedByLogin: string | null;
  readonly additions: number | null;
  readonly deletions: number | null;
  readonly changedFiles: number | null;
}

/**
 * Writes the reviews stage's pull request columns in one statement (a row per PR would be a round
 * trip per PR). Rows whose values are already these are left alone: no dead tuples on re-crawls.
 */
export async function updatePullRequestDetails(
  db: Kysely<Database>,
  repositoryId: number,
  details: readonly PullRequestDetails[],
): Promise<void> {
  if (details.length === 0) return;
  const column = <T>(pick: (d: PullRequestDetails) => T): T[] => details.map(pick);
  const numbers = column((d) => d.number);
  // `number = any(…)` lets the primary key fetch just these rows; joined on `d.number` alone, the
  // planner may hash every issue of the repository for each page of pull requests.
  await sql`
    update issue as i
       set merged_by_login = d.merged_by_login, additions = d.additions,
           deletions = d.deletions, changed_files = d.changed_files
      from unnest(${numbers}::integer[], ${column((d) => d.mergedByLogin)}::text[],
                  ${column((d) => d.additions)}::integer[], ${column((d) => d.deletions)}::integer[],
                  ${column((d) => d.changedFiles)}::integer[])
           as d(number, merged_by_login, additions, deletions, changed_files)
     where i.repository_id = ${repositoryId} and i.number = any(${numbers}::integer[])
       and i.number = d.number and i.is_pull_request
       and (i.merged_by_login, i.additions, i.deletions, i.changed_files)
           is distinct from (d.merged_by_login, d.additions, d.deletions, d.changed_files)`.execute(db);
}

/** GitHub ids and numbers of the stored issues and pull requests of a repository updated up to `updatedUpTo`. */
export async function listIssueGithubIds(
  db: Kysely<Database>,
  repositoryId: number,
  updatedUpTo: Date,
): Promise<{ githubId: number; number: number }[]> {
  const rows = await db
    .selectFrom('issue')
    .select(['github_id', 'number'])
    .where('repository_id', '=', repositoryId)
    .where('updated_at', '<=', updatedUpTo)
    .execute();
  return rows.map((r) => ({ githubId: r.github_id, number: r.number }));
}

/**
 * Deletes issues and pull requests (by GitHub id) that GitHub no longer lists, with what hangs off
 * their number: issue comments, reviews and review comments. GitHub deletes those with the issue,
 * and no incremental list would ever report them gone (reviews are read per updated pull request).
 * Returns the issues deleted.
 */
export async function deleteIssuesByGithubId(
  db: Kysely<Database>,
  repositoryId: number,
  githubIds: readonly number[],
): Promise<number> {
  if (githubIds.length === 0) return 0;
  const deleted = await db
    .deleteFrom('issue')
    .where('repository_id', '=', repositoryId)
    .where(sql<boolean>`github_id = any(${[...githubIds]}::bigint[])`)
    .returning('number')
    .execute();
  const numbers = deleted.map((r) => r.number);
  if (numbers.length > 0) {
    await db
      .deleteFrom('issue_comment')
      .where('repository_id', '=', repositoryId)
      .where(sql<boolean>`issue_number = any(${numbers}::int[])`)
      .execute();
    await db
      .deleteFrom('review')
      .where('repository_id', '=', repositoryId)
      .where(sql<boolean>`pull_number = any(${numbers}::int[])`)
      .execute();
    await db
      .deleteFrom('review_comment')
      .where('repository_id', '=', repositoryId)
      .where(sql<boolean>`pull_number = any(${numbers}::int[])`)
      .execute();
  }
  return numbers.length;
}
