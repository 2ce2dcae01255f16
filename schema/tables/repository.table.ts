import type { ColumnType } from 'kysely';
import type { Int8, SurrogateId, TextArray, Timestamp, TimestampDefaultNow } from './column-types.js';

/** Crawl outcome of a repository as a whole (design §3 report contract `crawl.state`). */
export type RepositoryState = 'never' | 'ok' | 'partial' | 'gone' | 'blocked' | 'empty';

/**
 * A tracked repository. Operators register `owner/name` before we know GitHub's numeric id; the
 * crawler sets `github_id` on the first crawl. Identity is `github_id`, so a rename updates
 * owner/name in place and the old name goes to `repository_name`.
 */
export interface RepositoryTable {
  id: SurrogateId;
  github_id: Int8 | null;
  owner: string;
  name: string;
  /** Generated: owner || '/' || name. */
  full_name: ColumnType<string, never, never>;
  description: string | null;
  homepage: string | null;
  default_branch: string | null;
  language: string | null;
  license_spdx: string | null;
  topics: TextArray;
  fork: boolean | null;
  archived: boolean | null;
  stargazers_count: number | null;
  forks_count: number | null;
  watchers_count: number | null;
  open_issues_count: number | null;
  /** GitHub's timestamps of the repository. */
  created_at: Timestamp | null;
  pushed_at: Timestamp | null;
  updated_at_github: Timestamp | null;
  /** When the metadata above was last fetched. */
  observed_at: Timestamp | null;
  /** Hash of the credential this repository is pinned to (ETags are per token); never the token. */
  credential_fingerprint: string | null;
  state: ColumnType<RepositoryState, RepositoryState | undefined, RepositoryState>;
  state_reason: string | null;
  added_at: TimestampDefaultNow;
  last_success_at: Timestamp | null;
}

/** Every full name a repository has been seen under on GitHub (renames, transfers). */
export interface RepositoryNameTable {
  repository_id: number;
  full_name: string;
  first_seen_at: TimestampDefaultNow;
  last_seen_at: TimestampDefaultNow;
}
