import type { Int8, TextArray, Timestamp } from './column-types.js';

/**
 * Issues and pull requests share one number sequence per repository, as on GitHub; pull requests
 * have `is_pull_request` and the PR columns. Bodies are not stored, only their length.
 */
export interface IssueTable {
  /** repository.id, without a foreign key: the store keeps it (src/store/repository-lock.ts). */
  repository_id: number;
  number: number;
  github_id: Int8;
  is_pull_request: boolean;
  title: string;
  /** null when the author's account was deleted ("ghost"). */
  author_login: string | null;
  author_user_id: Int8 | null;
  /** OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, NONE, ... */
  author_association: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  locked: boolean;
  labels: TextArray;
  comment_count: number;
  body_length: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by_login: string | null;
  merged_at: Timestamp | null;
  merged_by_login: string | null;
  draft: boolean | null;
  additions: number | null;
  deletions: number | null;
  changed_files: number | null;
}
