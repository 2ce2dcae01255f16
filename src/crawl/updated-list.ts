import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { isGitHubError } from '../github/github-error.js';
import { upsertCrawlState, type CrawlEntity } from '../store/crawl-state.store.js';
import type { RepoRef } from './adapters/github.port.js';
import { beginEntity, finished, laterOf, sinceWithOverlap } from './entity-run.js';
import type { CrawlDeps } from './stage.js';

/** Items stored per transaction (5 REST pages). */
export const WRITE_BATCH_ITEMS = 500;

export interface PageWrite {
  /** Writes the page's rows (in the transaction that also moves the watermark). Returns rows written. */
  write(trx: Kysely<Database>): Promise<number>;
  /** Newest `updated_at` on the page. */
  newest: Date | null;
}

export interface UpdatedListResult {
  readonly outcome: 'ok' | 'unchanged';
  readonly rows: number;
  readonly pages: number;
}

/**
 * A REST list read incrementally by `since` (issues, issue comments, review comments): sorted by
 * `updated` ascending, so after each batch of pages everything up to its newest `updated_at` is
 * stored and the watermark moves with the batch, in the same transaction. The next run asks from the watermark minus
 * a small overlap (same-second updates); rows are upserts by GitHub id, so the overlap never doubles
 * anything. An unchanged list answers its first page with a free 304 (same URL, stored ETag).
 * 422 on deep pages ("pagination is limited") ends this run early; the watermark is where the stored
 * rows end, so the next run carries on from there with a later `since`.
 */
export async function crawlUpdatedList<T>(
  deps: CrawlDeps,
  ref: RepoRef,
  entity: CrawlEntity,
  route: string,
  toPage: (items: readonly T[]) => PageWrite,
): Promise<UpdatedListResult> {
  const { db, github, clock, settings, logger } = deps;
  const run = await beginEntity(db, ref.repositoryId, entity);
  let watermark = run.previous?.watermarkAt ?? null;
  let rows = 0;
  let pages = 0;
  let conditional = run.conditional;
  // Pass 2 "primes" the URL the next run will ask (its `since` moved with the watermark): one request
  // now, so that an idle re-crawl is all free 304s rather than one full page per list.
  for (let pass = 0; pass < 2; pass += 1) {
    const since = sinceWithOverlap(watermark, settings.sinceOverlapSeconds);
    const params = {
      state: route.endsWith('/issues') ? 'all' : undefined,
      sort: 'updated',
      direction: 'asc',
      per_page: 100,
      since,
    };
    let notModified = false;
    let held: T[] = [];
    // Pages are stored a few at a time (fewer transactions per row); the watermark moves with them.
    const store = async () => {
      if (held.length === 0) return;
      const { write, newest } = toPage(held);
      held = [];
      watermark = laterOf(watermark, newest);
      await db.transaction().execute(async (trx) => {
        rows += await write(trx);
        await upsertCrawlState(trx, ref.repositoryId, entity, { watermarkAt: watermark });
      });
    };
    try {
      for await (const page of github.restPages<T>(ref, route, params, { conditional })) {
        pages += 1;
        if (page.notModified) {
          notModified = true;
          break;
        }
        held.push(...page.items);
        if (page.last || held.length >= WRITE_BATCH_ITEMS) await store();
      }
    } catch (err) {
      if (!isGitHubError(err, 'narrow')) throw err;
      await store();
      logger.warn({ entity, watermark }, 'pagination limit reached; continuing from the watermark next run');
      break;
    }
    if (notModified && pass === 0) {
      await upsertCrawlState(db, ref.repositoryId, entity, finished(clock.now()));
      return { outcome: 'unchanged', rows, pages };
    }
    if (notModified || sinceWithOverlap(watermark, settings.sinceOverlapSeconds) === since) break;
    conditional = true;
  }
  await upsertCrawlState(db, ref.repositoryId, entity, finished(clock.now(), { watermarkAt: watermark }));
  return { outcome: 'ok', rows, pages };
}

export function newestOf(dates: readonly (Date | null | undefined)[]): Date | null {
  let newest: Date | null = null;
  for (const date of dates) newest = laterOf(newest, date);
  return newest;
}
