import type { Int8, Timestamp } from './column-types.js';

export interface ReleaseTable {
  repository_id: number;
  github_id: Int8;
  tag_name: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  author_login: string | null;
  author_user_id: Int8 | null;
  created_at: Timestamp;
  /** null for drafts. */
  published_at: Timestamp | null;
}
