import { contentHash } from '../etag.js';
import { JsonBytesWriter } from '../json-bytes.js';
import { paginationLimited } from './github-errors.js';
import type { RestRequest, RestResult } from './rest-route.js';

/** GitHub's list parameters: `per_page` defaults to 30 and is capped at 100; `page` starts at 1. */
export function pageParams(query: URLSearchParams): { perPage: number; page: number } {
  const perPageRaw = Number.parseInt(query.get('per_page') ?? '', 10);
  const pageRaw = Number.parseInt(query.get('page') ?? '', 10);
  const perPage = Number.isFinite(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, 100) : 30;
  const page = Number.isFinite(pageRaw) && pageRaw > 0 ? pageRaw : 1;
  return { perPage, page };
}

/**
 * Serves one page of `items` with GitHub's `Link` header. Relations come in GitHub's order
 * (`prev, next, last, first`), the first page omits prev/first, the last page omits next/last, a
 * single page has no header. URLs keep the request's other parameters in their order, setting
 * `page` in place or appending it. With `rest.maxPage` set, deeper pages answer 422 and `last`
 * stops at the deepest page served.
 */
export function paginate<T>(req: RestRequest, items: readonly T[], render: (item: T) => string): RestResult {
  const { perPage, page } = pageParams(req.query);
  const maxPage = req.state.config.rest.maxPage;
  if (maxPage > 0 && page > maxPage) return { status: 422, body: paginationLimited() };
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const lastPage = maxPage > 0 ? Math.min(totalPages, maxPage) : totalPages;
  const start = (page - 1) * perPage;
  const end = Math.min(items.length, start + perPage);
  const renderPage = () => jsonArrayBytes(items, start, end, render);
  const cacheKey = req.pageCacheKey === null ? null : `${req.pageCacheKey}|${maxPage}`;
  const known = cacheKey === null ? undefined : req.state.pages.get(cacheKey);
  if (known?.body !== undefined) {
    return { status: 200, bytes: known.body, bodyHash: known.hash, headers: linkHeaders(known.link) };
  }
  if (known !== undefined) {
    // Seen before at this repository fingerprint: the ETag is known, so a matching conditional
    // request is answered 304 without rendering; anything else renders again.
    return { status: 200, lazyJson: renderPage, bodyHash: known.hash, headers: linkHeaders(known.link) };
  }
  const bytes = renderPage();
  const hash = contentHash(bytes);
  const link = linkHeader(req, page, lastPage);
  if (cacheKey !== null) req.state.pages.set(cacheKey, { hash, link, body: bytes });
  return { status: 200, bytes, bodyHash: hash, headers: linkHeaders(link) };
}

/** `[item,item,…]` as UTF-8 bytes, each item encoded as it is rendered (see json-bytes.ts). */
function jsonArrayBytes<T>(
  items: readonly T[],
  start: number,
  end: number,
  render: (item: T) => string,
): Buffer {
  const writer = new JsonBytesWriter();
  writer.ascii(0x5b); // [
  for (let i = start; i < end; i++) {
    if (i > start) writer.ascii(0x2c); // ,
    writer.text(render(items[i] as T));
  }
  writer.ascii(0x5d); // ]
  return writer.bytes();
}

function linkHeaders(link: string): Record<string, string> {
  return link === '' ? {} : { link };
}

function linkHeader(req: RestRequest, page: number, lastPage: number): string {
  const links: string[] = [];
  if (page > 1) links.push(`${pageUrl(req, Math.min(page - 1, lastPage))}; rel="prev"`);
  if (page < lastPage) {
    links.push(`${pageUrl(req, page + 1)}; rel="next"`);
    links.push(`${pageUrl(req, lastPage)}; rel="last"`);
  }
  if (page > 1) links.push(`${pageUrl(req, 1)}; rel="first"`);
  return links.join(', ');
}

/** `<url>` of page `target` (a module function: under tsx, a closure per call is also named per call). */
function pageUrl(req: RestRequest, target: number): string {
  const query = new URLSearchParams(req.query);
  query.set('page', String(target));
  return `<${req.linkBase}?${query.toString()}>`;
}
