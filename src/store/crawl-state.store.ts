import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { CrawlStateTable, CrawlStatus } from '../../schema/tables/crawl.table.js';
import { cleanTextOrNull } from './clean-text.js';

export type { CrawlStatus } from '../../schema/tables/crawl.table.js';

/** Crawl entities with their own watermark. */
export type CrawlEntity =
  | 'repo'
  | 'commits'
  | 'contributors'
  | 'issues'
  | 'comments'
  | 'reviews'
  | 'review_comments'
  | 'releases'
  | 'users';

export interface CrawlState {
  repositoryId: number;
  entity: CrawlEntity;
  /** Everything updated before this instant is stored (REST `since` for the next pass). */
  watermarkAt: Date | null;
  /** Entity-specific resume point, e.g. the newest known commit SHA. */
  cursor: string | null;
  status: CrawlStatus;
  lastError: string | null;
  lastSuccessAt: Date | null;
  nextDueAt: Date | null;
  /** When the list was last read in full and rows deleted on GitHub were removed (null = never). */
  reconciledAt: Date | null;
  updatedAt: Date;
}

/** Fields to change; absent (undefined) fields keep their stored value, null clears. */
export type CrawlStatePatch = Partial<
  Pick<
    CrawlState,
    'watermarkAt' | 'cursor' | 'status' | 'lastError' | 'lastSuccessAt' | 'nextDueAt' | 'reconciledAt'
  >
>;

const LAST_ERROR_MAX = 2_000;

export async function findCrawlState(
  db: Kysely<Database>,
  repositoryId: number,
  entity: CrawlEntity,
): Promise<CrawlState | undefined> {
  const row = await db
    .selectFrom('crawl_state')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .where('entity', '=', entity)
    .executeTakeFirst();
  return row && toCrawlState(row);
}

export async function listCrawlStates(db: Kysely<Database>, repositoryId: number): Promise<CrawlState[]> {
  const rows = await db
    .selectFrom('crawl_state')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .orderBy('entity')
    .execute();
  return rows.map(toCrawlState);
}

/**
 * Creates or patches the state of one entity. Call it with the transaction that wrote the rows the
 * watermark covers, so the two commit together.
 */
export async function upsertCrawlState(
  db: Kysely<Database>,
  repositoryId: number,
  entity: CrawlEntity,
  patch: CrawlStatePatch,
): Promise<CrawlState> {
  const values = {
    ...(patch.watermarkAt !== undefined ? { watermark_at: patch.watermarkAt } : {}),
    ...(patch.cursor !== undefined ? { cursor: cleanTextOrNull(patch.cursor) } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.lastError !== undefined ? { last_error: truncate(cleanTextOrNull(patch.lastError)) } : {}),
    ...(patch.lastSuccessAt !== undefined ? { last_success_at: patch.lastSuccessAt } : {}),
    ...(patch.nextDueAt !== undefined ? { next_due_at: patch.nextDueAt } : {}),
    ...(patch.reconciledAt !== undefined ? { reconciled_at: patch.reconciledAt } : {}),
  };
  const row = await db
    .insertInto('crawl_state')
    .values({ repository_id: repositoryId, entity, ...values })
    .onConflict((oc) =>
      oc.columns(['repository_id', 'entity']).doUpdateSet({ ...values, updated_at: new Date() }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCrawlState(row);
}

function truncate(text: string | null): string | null {
  return text !== null && text.length > LAST_ERROR_MAX ? `${text.slice(0, LAST_ERROR_MAX)}…` : text;
}

function toCrawlState(row: Selectable<CrawlStateTable>): CrawlState {
  return {
    repositoryId: row.repository_id,
    entity: row.entity as CrawlEntity,
    watermarkAt: row.watermark_at,
    cursor: row.cursor,
    status: row.status,
    lastError: row.last_error,
    lastSuccessAt: row.last_success_at,
    nextDueAt: row.next_due_at,
    reconciledAt: row.reconciled_at,
    updatedAt: row.updated_at,
  };
}
