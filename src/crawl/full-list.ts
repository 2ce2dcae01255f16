import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { isGitHubError } from '../github/github-error.js';
import { upsertCrawlState, type CrawlEntity } from '../store/crawl-state.store.js';
import type { RepoRef } from './adapters/github.port.js';
import { beginEntity, finished } from './entity-run.js';
import type { CrawlDeps } from './stage.js';

export interface FullListResult {
  readonly outcome: 'ok' | 'unchanged' | 'empty';
  readonly rows: number;
  readonly pages: number;
}

/**
 * A REST list GitHub offers without `since` (contributors, releases): read whole when its first page
 * changed (a conditional request answers 304 for free when it did not). Pages are written as they
 * come; `complete` runs in the transaction of the last write, once the whole list was seen (e.g. to
 * drop entries GitHub no longer lists). 204/409 = empty repository.
 */
export async function crawlFullList<T>(
  deps: CrawlDeps,
  ref: RepoRef,
  entity: CrawlEntity,
  route: string,
  params: Readonly<Record<string, string | number>>,
  writePage: (trx: Kysely<Database>, items: readonly T[]) => Promise<number>,
  complete?: (trx: Kysely<Database>) => Promise<void>,
): Promise<FullListResult> {
  const { db, github, clock } = deps;
  const run = await beginEntity(db, ref.repositoryId, entity);
  let rows = 0;
  let pages = 0;
  try {
    for await (const page of github.restPages<T>(
      ref,
      route,
      { per_page: 100, ...params },
      { conditional: run.conditional },
    )) {
      pages += 1;
      if (page.notModified) {
        await upsertCrawlState(db, ref.repositoryId, entity, finished(clock.now()));
        return { outcome: 'unchanged', rows, pages };
      }
      await db.transaction().execute(async (trx) => {
        rows += await writePage(trx, page.items);
      });
    }
  } catch (err) {
    if (!isGitHubError(err, 'empty')) throw err;
    await db.transaction().execute(async (trx) => {
      if (complete) await complete(trx);
      await upsertCrawlState(trx, ref.repositoryId, entity, finished(clock.now()));
    });
    return { outcome: 'empty', rows: 0, pages: pages + 1 };
  }
  await db.transaction().execute(async (trx) => {
    if (complete) await complete(trx);
    await upsertCrawlState(trx, ref.repositoryId, entity, finished(clock.now()));
  });
  return { outcome: pages === 0 ? 'empty' : 'ok', rows, pages };
}
