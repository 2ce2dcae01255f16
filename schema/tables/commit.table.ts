import type { Int8, Timestamp } from './column-types.js';

/**
 * A commit of the default branch. `authored_at` is the instant; the author's original UTC offset
 * (GraphQL `GitTimestamp` keeps it, REST does not) is kept beside it in minutes, as geography needs it.
 */
export interface CommitTable {
  /** repository.id, without a foreign key: the store keeps it (src/store/repository-lock.ts). */
  repository_id: number;
  sha: string;
  author_name: string | null;
  author_email: string | null;
  /** GitHub account linked to the author email, when GitHub links it. */
  author_login: string | null;
  author_user_id: Int8 | null;
  authored_at: Timestamp;
  author_utc_offset_minutes: number;
  committer_name: string | null;
  committer_email: string | null;
  committer_login: string | null;
  committer_user_id: Int8 | null;
  committed_at: Timestamp;
  committer_utc_offset_minutes: number;
  additions: number | null;
  deletions: number | null;
  changed_files: number | null;
  /** First line of the message only (bodies are not needed for any metric). */
  message_headline: string;
  /** > 1 for merge commits. */
  parent_count: number;
}
