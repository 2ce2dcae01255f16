import type { Int8, Timestamp } from './column-types.js';

/*
 * Conversation rows: issue comments, pull request reviews and review comments. Keys are
 * (repository_id, github_id). Bodies are not stored — no metric reads them, they can be huge and
 * they are personal data — only `body_length`.
 */

export interface IssueCommentTable {
  /** repository.id, without a foreign key: the store keeps it (src/store/repository-lock.ts). */
  repository_id: number;
  github_id: Int8;
  issue_number: number;
  author_login: string | null;
  author_user_id: Int8 | null;
  author_association: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  body_length: number;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewTable {
  /** repository.id, without a foreign key: the store keeps it (src/store/repository-lock.ts). */
  repository_id: number;
  github_id: Int8;
  pull_number: number;
  author_login: string | null;
  author_user_id: Int8 | null;
  author_association: string | null;
  state: ReviewState;
  /** null for pending reviews. */
  submitted_at: Timestamp | null;
  body_length: number;
}

export interface ReviewCommentTable {
  /** repository.id, without a foreign key: the store keeps it (src/store/repository-lock.ts). */
  repository_id: number;
  github_id: Int8;
  pull_number: number;
  review_github_id: Int8 | null;
  in_reply_to_github_id: Int8 | null;
  author_login: string | null;
  author_user_id: Int8 | null;
  author_association: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  body_length: number;
}
