import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { bulkUpsert, type BulkColumn, type UpsertResult } from './bulk-upsert.js';

export interface ReleaseRecord {
  githubId: number;
  tagName: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  authorLogin: string | null;
  authorUserId: number | null;
  createdAt: Date;
  /** null for drafts. */
  publishedAt: Date | null;
}

const COLUMNS: readonly BulkColumn[] = [
  { name: 'repository_id', type: 'integer' },
  { name: 'github_id', type: 'bigint' },
  { name: 'tag_name', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'draft', type: 'boolean' },
  { name: 'prerelease', type: 'boolean' },
  { name: 'author_login', type: 'text' },
  { name: 'author_user_id', type: 'bigint' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'published_at', type: 'timestamptz' },
];

export async function upsertReleases(
  db: Kysely<Database>,
  repositoryId: number,
  releases: readonly ReleaseRecord[],
): Promise<UpsertResult> {
  const rows = releases.map((r) => [
    repositoryId,
    r.githubId,
    r.tagName,
    r.name,
    r.draft,
    r.prerelease,
    r.authorLogin,
    r.authorUserId,
    r.createdAt,
    r.publishedAt,
  ]);
  return bulkUpsert(db, { table: 'release', columns: COLUMNS, key: ['repository_id', 'github_id'] }, rows);
}
