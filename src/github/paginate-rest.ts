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
    };
    return;
  }
  yield pageOf<T>(first, 1);
  let next = parseLinkHeader(first.link)['next'];
  let index = 1;
  while (next !== undefined) {
    index += 1;
    let result: RestResult<unknown>;
    try {
      result = await client.rest<unknown>(
        `GET ${next}`,
        {},
        { credential: options.credential, signal: options.signal },
      );
    } catch (err) {
      if (!isGitHubError(err, 'narrow')) throw err;
      client.logger.info(
        { credential: options.credential, route, pages: index - 1 },
        'github pagination limit reached',
      );
      yield { items: [], etag: null, notModified: false, truncated: true, url: next, index };
      return;
    }
    yield pageOf<T>(result, index);
    next = parseLinkHeader(result.link)['next'];
  }
  await first.saveValidators();
}

function pageOf<T>(result: RestResult<unknown>, index: number): RestPage<T> {
  return {
    items: itemsOf<T>(result.data, result.requestUrl),
    etag: result.etag,
    notModified: false,
    truncated: false,
    url: result.url,
    index,
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
