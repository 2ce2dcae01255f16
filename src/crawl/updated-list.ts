import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { isGitHubError } from '../github/github-error.js';
import { upsertCrawlState, type CrawlEntity } from '../store/crawl-state.store.js';
import { upsertUserRefs, type GithubUserRef } from '../store/user.store.js';
import type { RepoRef } from './adapters/github.port.js';
import { beginEntity, finished, laterOf, sinceWithOverlap } from './entity-run.js';
import { reconcileList } from './reconcile-list.js';
import { reconciliationDue, type ListReconciler } from './reconcile.js';
import type { CrawlDeps } from './stage.js';

/**
 * Items stored per transaction (10 REST pages): each transaction is five round trips (begin, people,
 * rows, watermark, commit) whatever its size, and a kill costs at most this much re-reading.
 */
export const WRITE_BATCH_ITEMS = 1_000;

/** What a list keeps of one page: its rows and the people they mention. */
export interface PageRows<R extends { readonly updatedAt: Date }> {
  readonly records: readonly R[];
  readonly people: readonly GithubUserRef[];
}

/** How a list's pages become rows. */
export interface ListRows<T, R extends { readonly updatedAt: Date }> {
  /** Maps a page as it arrives, so that only its rows are held until the batch is written. */
  map(items: readonly T[]): PageRows<R>;
  /** Upserts a batch's rows (after its people), in the transaction that also moves the watermark. */
  upsert(trx: Kysely<Database>, records: readonly R[]): Promise<unknown>;
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
 *
 * Reconciliation (design §4): rows deleted on GitHub never show up in a `since` read, so when
 * `reconcileEveryDays` have passed since the last full read (or none was ever made), pass 1 reads
 * the list without `since` and collects the GitHub ids it sees. Only if it reached the end (no 422,
 * no failure) are the stored rows it did not see judged: each such candidate is asked for by its own
 * URL (at most `reconcileVerifyLimit` per list; the rest wait for the next reconciliation), because
 * GitHub pages by offset and an item changed or deleted during the read can make a live one slip
 * between two pages. Only candidates answered 404/410 are deleted, in the transaction that records
 * `reconciled_at`; a live one or any other failure keeps the row. That full read is unconditional once a watermark exists: a stored ETag only
 * vouches for the first page, and a deletion further down leaves the first page as it was, so a 304
 * there would hide it. A first crawl (no watermark) is a full read and counts as a reconciliation.
 * A truncated full read deletes nothing but still records `reconciled_at`, so a list too deep to
 * read in full costs one full read per period, not one per run.
 */
export async function crawlUpdatedList<T, R extends { readonly updatedAt: Date }>(
  deps: CrawlDeps,
  ref: RepoRef,
  entity: CrawlEntity,
  route: string,
  rowsOf: ListRows<T, R>,
  reconciler: ListReconciler<T>,
): Promise<UpdatedListResult> {
  const { db, github, clock, settings, logger } = deps;
  const startedAt = clock.now();
  const run = await beginEntity(db, ref.repositoryId, entity);
  let watermark = run.previous?.watermarkAt ?? null;
  // Rows are stored only with the watermark that covers them: without one there is nothing stored
  // to judge, so a first read skips listing what it has just written.
  const firstRead = watermark === null;
  let rows = 0;
  let pages = 0;
  const full = reconciliationDue(run.previous, settings.reconcileEveryDays, startedAt);
  // Without a watermark the list was never read or was empty: its first page changes with any item.
  let conditional = run.conditional && (!full || watermark === null);
  // Pass 2 "primes" the URL the next run will ask (its `since` moved with the watermark): one request
  // now, so that an idle re-crawl is all free 304s rather than one full page per list.
  for (let pass = 0; pass < 2; pass += 1) {
    const reconciling = full && pass === 0;
    const since = reconciling ? undefined : sinceWithOverlap(watermark, settings.sinceOverlapSeconds);
    const seen = new Set<number>();
    let reached: Date | null = null;
    let truncated = false;
    const params = {
      state: route.endsWith('/issues') ? 'all' : undefined,
      sort: 'updated',
      direction: 'asc',
      per_page: 100,
      since,
    };
    let notModified = false;
    let held: { records: R[]; people: GithubUserRef[]; items: number } = {
      records: [],
      people: [],
      items: 0,
    };
    // Pages are stored a few at a time (fewer transactions per row); the watermark moves with them.
    const store = async () => {
      if (held.items === 0) return;
      const { records, people } = held;
      held = { records: [], people: [], items: 0 };
      const newest = newestOf(records.map((r) => r.updatedAt));
      watermark = laterOf(watermark, newest);
      reached = laterOf(reached, newest);
      await db.transaction().execute(async (trx) => {
        // Pages repeat people: the store keeps one row per id (the last seen) and locks them in id order.
        if (people.length > 0) await upsertUserRefs(trx, people);
        if (records.length > 0) await rowsOf.upsert(trx, records);
        await upsertCrawlState(trx, ref.repositoryId, entity, { watermarkAt: watermark });
      });
      rows += records.length;
    };
    try {
      for await (const page of github.restPages<T>(ref, route, params, { conditional })) {
        pages += 1;
        if (page.notModified) {
          notModified = true;
          break;
        }
        if (page.truncated) {
          truncated = true;
          break;
        }
        if (reconciling) {
          for (const item of page.items) {
            const id = reconciler.idOf(item);
            if (id !== undefined) seen.add(id);
          }
        }
        const mapped = rowsOf.map(page.items);
        for (const record of mapped.records) held.records.push(record);
        for (const person of mapped.people) held.people.push(person);
        held.items += page.items.length;
        if (page.last || held.items >= WRITE_BATCH_ITEMS) await store();
      }
    } catch (err) {
      if (!isGitHubError(err, 'narrow')) throw err;
      truncated = true;
    }
    if (truncated) {
      await store();
      // Recorded even though nothing is deleted: retried next period rather than every run.
      if (reconciling) await upsertCrawlState(db, ref.repositoryId, entity, { reconciledAt: startedAt });
      logger.warn(
        { entity, watermark, reconciling },
        'pagination limit reached; continuing from the watermark next run',
      );
      break;
    }
    if (reconciling && !notModified) {
      const judgedUpTo = firstRead ? null : reached;
      await reconcileList(deps, ref, entity, reconciler, seen, judgedUpTo, watermark, startedAt);
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
