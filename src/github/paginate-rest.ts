import { VitalsError } from '../shared/errors.js';
import type { EtagStore } from './etag-store.js';
import type { GitHubClient, RestParams, RestResult } from './github-client.types.js';
import { isGitHubError } from './github-error.js';
import { parseLinkHeader } from './link-header.js';
import { readAhead } from '../shared/read-ahead.js';

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
  /** Pages fetched ahead of the caller (default DEFAULT_PAGES_AHEAD). */
  ahead?: number | undefined;
}

/** Pages a list runs ahead of its consumer: a few seconds of database work at most, ~1 MB each. */
export const DEFAULT_PAGES_AHEAD = 8;

/**
 * Streams a REST list page by page (per_page=100), following `Link: rel="next"`; memory holds one
 * page at a time. The first page is conditional: a 304 yields one page with `notModified: true` and
 * costs no primary budget. The first page's ETag is saved only after the caller has consumed the
 * last page (iteration ran to its end), so a crash mid-way never produces a false 304 next time.
 * While the caller handles a page, the following ones are already being fetched (`ahead`).
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
  // The chain of `next` links is walked ahead of the caller (up to `ahead` pages) from now on, so
  // the network never waits for the database. Nothing is saved before the caller comes back after
  // the last page.
  const firstNext = parseLinkHeader(first.link)['next'];
  const rest =
    firstNext === undefined
      ? undefined
      : readAhead(
          firstNext,
          (url) => fetchNext(client, url, route, options),
          (page) => (page.truncated ? undefined : parseLinkHeader(page.result.link)['next']),
          options.ahead ?? DEFAULT_PAGES_AHEAD,
        );
  try {
    yield pageOf<T>(first, 1, rest === undefined);
    let index = 1;
    for await (const { page, next } of rest ?? []) {
      index += 1;
      if (page.truncated) {
        yield {
          items: [],
          etag: null,
          notModified: false,
          truncated: true,
          url: page.url,
          index,
          last: true,
        };
        return;
      }
      yield pageOf<T>(page.result, index, next === undefined);
    }
  } finally {
    await rest?.return?.(); // a caller that left early stops the walk
  }
  await first.saveValidators();
}

type NextPage = { truncated: false; result: RestResult<unknown> } | { truncated: true; url: string };

/** Asks for the page a `next` link points to; a 422 (pagination limit) becomes `truncated`. */
function fetchNext(
  client: GitHubClient,
  next: string,
  route: string,
  options: PaginateOptions,
): Promise<NextPage> {
  return client
    .rest<unknown>(`GET ${next}`, {}, { credential: options.credential, signal: options.signal })
    .then(
      (result): NextPage => ({ truncated: false, result }),
      (err: unknown): NextPage => {
        if (!isGitHubError(err, 'narrow')) throw err;
        client.logger.info(
          { credential: options.credential, route, url: new URL(next).pathname },
          'github pagination limit reached',
        );
        return { truncated: true, url: next };
      },
    );
}

function pageOf<T>(result: RestResult<unknown>, index: number, last: boolean): RestPage<T> {
  return {
    items: itemsOf<T>(result),
    etag: result.etag,
    notModified: false,
    truncated: false,
    url: result.url,
    index,
    last,
  };
}

/** Lists are arrays; search-like endpoints wrap them as `{ total_count, items }`. 204 = no items. */
function itemsOf<T>(result: RestResult<unknown>): T[] {
  const { data } = result;
  if (data === undefined || data === null || data === '') return [];
  if (Array.isArray(data)) return data as T[];
  const items = (data as { items?: unknown }).items;
  if (Array.isArray(items)) return items as T[];
  const path = new URL(result.requestUrl).pathname;
  throw new VitalsError('GH_UNEXPECTED', `GitHub list ${path} did not answer a list`, { url: path });
}
