import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';

/** Validators of a conditional request, per credential and URL (GitHub ties ETags to the token). */
export interface HttpCacheEntry {
  credentialFingerprint: string;
  url: string;
  /** Lets deleteRepository (cascade) and forced re-crawls drop the entries of one repository. */
  repositoryId: number | null;
  etag: string | null;
  lastModified: string | null;
}

export async function findHttpCacheEntry(
  db: Kysely<Database>,
  credentialFingerprint: string,
  url: string,
): Promise<(HttpCacheEntry & { updatedAt: Date }) | undefined> {
  const row = await db
    .selectFrom('http_cache')
    .selectAll()
    .where('credential_fingerprint', '=', credentialFingerprint)
    .where('url', '=', url)
    .executeTakeFirst();
  return (
    row && {
      credentialFingerprint: row.credential_fingerprint,
      url: row.url,
      repositoryId: row.repository_id,
      etag: row.etag,
      lastModified: row.last_modified,
      updatedAt: row.updated_at,
    }
  );
}

export async function upsertHttpCacheEntry(db: Kysely<Database>, entry: HttpCacheEntry): Promise<void> {
  const values = {
    repository_id: entry.repositoryId,
    etag: entry.etag,
    last_modified: entry.lastModified,
    updated_at: new Date(),
  };
  await db
    .insertInto('http_cache')
    .values({ credential_fingerprint: entry.credentialFingerprint, url: entry.url, ...values })
    .onConflict((oc) => oc.columns(['credential_fingerprint', 'url']).doUpdateSet(values))
    .execute();
}

/** Forgets the validators of one repository (the next crawl refetches everything). */
export async function deleteHttpCacheEntries(db: Kysely<Database>, repositoryId: number): Promise<number> {
  const result = await db
    .deleteFrom('http_cache')
    .where('repository_id', '=', repositoryId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
