import type { ColumnType } from 'kysely';
import type { Int8, Timestamp, TimestampDefaultNow } from './column-types.js';

export type GithubUserType = 'User' | 'Bot' | 'Organization' | 'Mannequin';

/**
 * A GitHub account, keyed by GitHub's numeric user id (logins can change and be reused).
 * A row may exist before its profile was fetched (seen as an author): then `observed_at` is null.
 * Deleted accounts ("ghost") have no row; the author columns that would point here are null.
 */
export interface GithubUserTable {
  id: Int8;
  login: string;
  type: ColumnType<GithubUserType, GithubUserType | undefined, GithubUserType>;
  is_bot: ColumnType<boolean, boolean | undefined, boolean>;
  name: string | null;
  company: string | null;
  blog: string | null;
  location: string | null;
  email: string | null;
  bio: string | null;
  twitter_username: string | null;
  /** GitHub's account timestamps. */
  created_at: Timestamp | null;
  updated_at_github: Timestamp | null;
  /** When the profile fields were fetched; null = only seen as a reference. */
  observed_at: Timestamp | null;
  first_seen_at: TimestampDefaultNow;
}
