import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { ReviewState } from '../../schema/tables/discussion.table.js';
import { bulkUpsert, type BulkColumn, type UpsertResult } from './bulk-upsert.js';

/*
 * Issue comments, pull request reviews and review comments. Bodies are not stored (no metric reads
 * them; they can be huge and are personal data): callers pass `bodyLength`.
 */

export interface IssueCommentRecord {
  githubId: number;
  issueNumber: number;
  authorLogin: string | null;
  authorUserId: number | null;
  authorAssociation: string | null;
  createdAt: Date;
  updatedAt: Date;
  bodyLength: number;
}

export interface ReviewRecord {
  githubId: number;
  pullNumber: number;
  authorLogin: string | null;
  authorUserId: number | null;
  authorAssociation: string | null;
  state: ReviewState;
  /** null for pending reviews. */
  submittedAt: Date | null;
  bodyLength: number;
}

export interface ReviewCommentRecord {
  githubId: number;
  pullNumber: number;
  reviewGithubId: number | null;
  inReplyToGithubId: number | null;
  authorLogin: string | null;
  authorUserId: number | null;
  authorAssociation: string | null;
  createdAt: Date;
  updatedAt: Date;
  bodyLength: number;
}

const AUTHOR: readonly BulkColumn[] = [
  { name: 'author_login', type: 'text' },
  { name: 'author_user_id', type: 'bigint' },
  { name: 'author_association', type: 'text' },
];
const KEY = ['repository_id', 'github_id'];

const ISSUE_COMMENT_COLUMNS: readonly BulkColumn[] = [
  { name: 'repository_id', type: 'integer' },
  { name: 'github_id', type: 'bigint' },
  { name: 'issue_number', type: 'integer' },
  ...AUTHOR,
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'body_length', type: 'integer' },
];

const REVIEW_COLUMNS: readonly BulkColumn[] = [
  { name: 'repository_id', type: 'integer' },
  { name: 'github_id', type: 'bigint' },
  { name: 'pull_number', type: 'integer' },
  ...AUTHOR,
  { name: 'state', type: 'text' },
  { name: 'submitted_at', type: 'timestamptz' },
  { name: 'body_length', type: 'integer' },
];

const REVIEW_COMMENT_COLUMNS: readonly BulkColumn[] = [
  { name: 'repository_id', type: 'integer' },
  { name: 'github_id', type: 'bigint' },
  { name: 'pull_number', type: 'integer' },
  { name: 'review_github_id', type: 'bigint' },
  { name: 'in_reply_to_github_id', type: 'bigint' },
  ...AUTHOR,
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'body_length', type: 'integer' },
];

export async function upsertIssueComments(
  db: Kysely<Database>,
  repositoryId: number,
  comments: readonly IssueCommentRecord[],
): Promise<UpsertResult> {
  const rows = comments.map((c) => [
    repositoryId,
    c.githubId,
    c.issueNumber,
    c.authorLogin,
    c.authorUserId,
    c.authorAssociation,
    c.createdAt,
    c.updatedAt,
    c.bodyLength,
  ]);
  return bulkUpsert(
    db,
    { table: 'issue_comment', columns: ISSUE_COMMENT_COLUMNS, key: KEY, lockRepository: true },
    rows,
  );
}

export async function upsertReviews(
  db: Kysely<Database>,
  repositoryId: number,
  reviews: readonly ReviewRecord[],
): Promise<UpsertResult> {
  const rows = reviews.map((r) => [
    repositoryId,
    r.githubId,
    r.pullNumber,
    r.authorLogin,
    r.authorUserId,
    r.authorAssociation,
    r.state,
    r.submittedAt,
    r.bodyLength,
  ]);
  return bulkUpsert(db, { table: 'review', columns: REVIEW_COLUMNS, key: KEY, lockRepository: true }, rows);
}

export async function upsertReviewComments(
  db: Kysely<Database>,
  repositoryId: number,
  comments: readonly ReviewCommentRecord[],
): Promise<UpsertResult> {
  const rows = comments.map((c) => [
    repositoryId,
    c.githubId,
    c.pullNumber,
    c.reviewGithubId,
    c.inReplyToGithubId,
    c.authorLogin,
    c.authorUserId,
    c.authorAssociation,
    c.createdAt,
    c.updatedAt,
    c.bodyLength,
  ]);
  return bulkUpsert(
    db,
    { table: 'review_comment', columns: REVIEW_COMMENT_COLUMNS, key: KEY, lockRepository: true },
    rows,
  );
}
