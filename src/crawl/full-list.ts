import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { isGitHubError } from '../github/github-error.js';
import { upsertCrawlState, type CrawlEntity } from '../store/crawl-state.store.js';
import type { RepoRef } from './adapters/github.port.js';
import { beginEntity, finished } from './entity-run.js';
import { reconcileList } from './reconcile-list.js';
import { wholeListReconciliationDue, type ListReconciler } from './reconcile.js';
import type { CrawlDeps } from './stage.js';

export interface FullListResult {
  readonly outcome: 'ok' | 'unchanged' | 'empty';
  readonly rows: number;
  readonly pages: number;
}

export interface FullListOptions<T> {
  /** Runs in the transaction that ends a complete read (e.g. to drop entries GitHub no longer lists). */
  readonly complete?: (trx: Kysely<Database>) => Promise<unknown>;
  /**
   * Rows GitHub deleted: after a complete read, stored rows it did not see are asked for by their own
   * URL and deleted on 404/410 (reconcileList). A read is forced every `reconcileEveryDays`.
   */
  readonly reconciler?: ListReconciler<T>;
}

/**
 * A REST list GitHub offers without `since` (contributors, releases): read whole when its first page
 * changed (a conditional request answers 304 for free when it did not). Pages are written as they
 * come; `complete` runs in the transaction of the last write, once the whole list was seen.
 * 204/409 = empty repository.
 */
export async function crawlFullList<T>(
  deps: CrawlDeps,
  ref: RepoRef,
  entity: CrawlEntity,
  route: string,
  params: Readonly<Record<string, string | number>>,
  writePage: (trx: Kysely<Database>, items: readonly T[]) => Promise<number>,
  options: FullListOptions<T> = {},
): Promise<FullListResult> {
  const { db, github, clock, settings } = deps;
  const { complete, reconciler } = options;
  const startedAt = clock.now();
  const run = await beginEntity(db, ref.repositoryId, entity);
  const forceFullRead =
    reconciler !== undefined &&
    wholeListReconciliationDue(run.previous, settings.reconcileEveryDays, startedAt);
  const seen = new Set<number>();
  let rows = 0;
  let pages = 0;
  let empty = false;
  try {
    for await (const page of github.restPages<T>(
      ref,
      route,
      { per_page: 100, ...params },
      { conditional: run.conditional && !forceFullRead },
    )) {
      pages += 1;
      if (page.notModified) {
        await upsertCrawlState(db, ref.repositoryId, entity, finished(clock.now()));
        return { outcome: 'unchanged', rows, pages };
      }
      if (reconciler) {
        for (const item of page.items) {
          const id = reconciler.idOf(item);
          if (id !== undefined) seen.add(id);
        }
      }
      await db.transaction().execute(async (trx) => {
        rows += await writePage(trx, page.items);
      });
    }
  } catch (err) {
    if (!isGitHubError(err, 'empty')) throw err;
    empty = true;
    pages += 1;
  }
  // Read whole: everything created before the read began was listed, unless GitHub deleted it.
  if (reconciler) await reconcileList(deps, ref, entity, reconciler, seen, startedAt, null, startedAt);
  await db.transaction().execute(async (trx) => {
    if (complete) await complete(trx);
    await upsertCrawlState(trx, ref.repositoryId, entity, finished(clock.now()));
  });
  return { outcome: empty || pages === 0 ? 'empty' : 'ok', rows: empty ? 0 : rows, pages };
}
