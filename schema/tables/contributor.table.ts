import type { Int8, TimestampDefaultNow } from './column-types.js';

/**
 * GitHub's contributor list of a repository (REST `/contributors?anon=1`). `key` is the login for
 * linked accounts and `anon:` + lower-cased email for anonymous entries.
 */
export interface ContributorTable {
  repository_id: number;
  key: string;
  user_id: Int8 | null;
  login: string | null;
  email: string | null;
  name: string | null;
  contributions: number;
  is_anonymous: boolean;
  observed_at: TimestampDefaultNow;
}
