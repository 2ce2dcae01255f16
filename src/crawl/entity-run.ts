import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import {
  findCrawlState,
  upsertCrawlState,
  type CrawlEntity,
  type CrawlState,
  type CrawlStatePatch,
} from '../store/crawl-state.store.js';

export interface EntityRun {
  readonly previous: CrawlState | undefined;
  /**
   * Whether stored ETags may be used. Only when the entity's last run finished: the HTTP client
   * stores an ETag as soon as a response arrives, so after a run killed before its rows were
   * committed, a 304 would hide rows we never stored.
   */
  readonly conditional: boolean;
}

/** Marks the entity `running` (before any request) and says whether conditional requests are safe. */
export async function beginEntity(
  db: Kysely<Database>,
  repositoryId: number,
  entity: CrawlEntity,
): Promise<EntityRun> {
  const previous = await findCrawlState(db, repositoryId, entity);
  const conditional = previous?.status === 'ok';
  if (previous?.status !== 'running') await upsertCrawlState(db, repositoryId, entity, { status: 'running' });
  return { previous, conditional };
}

/** The patch that closes a successful run (write it in the transaction of the last rows). */
export function finished(at: Date, patch: CrawlStatePatch = {}): CrawlStatePatch {
  return { ...patch, status: 'ok', lastError: null, lastSuccessAt: at };
}

/** `since` for the next incremental read: the watermark minus a small overlap (rows de-duplicate by key). */
export function sinceWithOverlap(
  watermarkAt: Date | null | undefined,
  overlapSeconds: number,
): string | undefined {
  if (!watermarkAt) return undefined;
  return new Date(watermarkAt.getTime() - overlapSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function laterOf(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
