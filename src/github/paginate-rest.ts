import { VitalsError } from '../shared/errors.js';
import type { EtagStore } from './etag-store.js';
import type { GitHubClient, RestParams, RestResult } from './github-client.types.js';
import { isGitHubError } from './github-error.js';
import { parseLinkHeader } from './link-header.js';

export interface RestPage<T> {
  items: T[];
  /** ETag of this page (the first page's is the one stored for conditional re-checks). */
  etag: string | null;
  /** The first page answered 304: nothing changed since the stored ETag; no items follow. */
  notModified: boolean;
  /** GitHub refused to go deeper (422): this is the end of what the endpoint gives — narrow by `since`. */
  truncated: boolean;
  url: string;
  /** 1-based position in this iteration (not a GitHub page number; we never build those). */
  index: number;
  /** No page follows (the first page's ETag is saved when the caller comes back after this one). */
  last: boolean;
}

export interface PaginateOptions {
  credential: string;
  /** Validators for the first page; default: the client's store. */
  etagStore?: EtagStore | undefined;
  /** Make the first page conditional (default: true when a store is available). */
  conditional?: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * Streams a REST list page by page (per_page=100), following `Link: rel="next"`; memory holds one
 * page at a time. The first page is conditional: a 304 yields one page with `notModified: true` and
 * costs no primary budget. The first page's ETag is saved only after the caller has consumed the
 * last page (iteration ran to its end), so a crash mid-way never produces a false 304 next time.
 * While the caller handles a page, the next one is already being fetched (one page ahead).
 * A 422 on a deeper page ends the iteration with a final `{ items: [], truncated: true }` page
 * (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
 * Other failures throw GitHubError (e.g. kind `empty` for 409 on an empty repository).
 */
export async function* paginateRest<T>(
  client: GitHubClient,
  route: string,
  params: RestParams,
  options: PaginateOptions,
): AsyncGenerator<RestPage<T>, void, undefined> {
  const store = options.etagStore ?? client.etagStore;
  const first = await client.rest<unknown>(
    route,
    { per_page: 100, ...params },
    {
      credential: options.credential,
      conditional: options.conditional ?? store !== undefined,
      etagStore: store,
      signal: options.signal,
    },
  );
  if (first.notModified) {
    yield {
      items: [],
      etag: first.etag,
      notModified: true,
      truncated: false,
      url: first.requestUrl,
      index: 1,
      last: true,
    };
    return;
  }
  // The next page is asked for while the caller stores this one (depth 1): the cursor is serial,
  // but network and database overlap. Nothing is saved before the caller comes back for more.
  let index = 1;
  let pending = fetchNext(client, parseLinkHeader(first.link)['next'], route, index, options);
  yield pageOf<T>(first, 1, pending === undefined);
  while (pending !== undefined) {
    const page = await pending;
    index += 1;
    if (page.truncated) {
      yield { items: [], etag: null, notModified: false, truncated: true, url: page.url, index, last: true };
      return;
    }
    pending = fetchNext(client, parseLinkHeader(page.result.link)['next'], route, index, options);
    yield pageOf<T>(page.result, index, pending === undefined);
  }
  await first.saveValidators();
}

type NextPage = { truncated: false; result: RestResult<unknown> } | { truncated: true; url: string };

/** Starts the request for the `next` link (if any); a 422 (pagination limit) becomes `truncated`. */
function fetchNext(
  client: GitHubClient,
  next: string | undefined,
  route: string,
  pagesSoFar: number,
  options: PaginateOptions,
): Promise<NextPage> | undefined {
  if (next === undefined) return undefined;
  const page = client
    .rest<unknown>(`GET ${next}`, {}, { credential: options.credential, signal: options.signal })
    .then(
      (result): NextPage => ({ truncated: false, result }),
      (err: unknown): NextPage => {
        if (!isGitHubError(err, 'narrow')) throw err;
        client.logger.info(
          { credential: options.credential, route, pages: pagesSoFar },
          'github pagination limit reached',
        );
        return { truncated: true, url: next };
      },
    );
  // A caller that stops early never awaits it: its failure must not become an unhandled rejection.
  page.catch(() => undefined);
  return page;
}

function pageOf<T>(result: RestResult<unknown>, index: number, last: boolean): RestPage<T> {
  return {
    items: itemsOf<T>(result.data, result.requestUrl),
    etag: result.etag,
    notModified: false,
    truncated: false,
    url: result.url,
    index,
    last,
  };
}

/** Lists are arrays; search-like endpoints wrap them as `{ total_count, items }`. 204 = no items. */
function itemsOf<T>(data: unknown, url: string): T[] {
  if (data === undefined || data === null || data === '') return [];
  if (Array.isArray(data)) return data as T[];
  const items = (data as { items?: unknown }).items;
  if (Array.isArray(items)) return items as T[];
  throw new VitalsError('GH_UNEXPECTED', `GitHub list ${new URL(url).pathname} did not answer a list`, {
    url: new URL(url).pathname,
  });
}
