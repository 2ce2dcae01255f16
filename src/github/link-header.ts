/**
 * Parses a `Link` header into rel → URL. GitHub paginates with it; clients follow the URLs it gives
 * (cursor-based lists have nothing else to go by).
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api#using-link-headers
 */
export function parseLinkHeader(link: string | null | undefined): Record<string, string> {
  const rels: Record<string, string> = {};
  if (!link) return rels;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rel = /\brel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '')?.[1];
    if (rel === undefined) continue;
    for (const name of rel.trim().split(/\s+/)) rels[name.toLowerCase()] = match[1] as string;
  }
  return rels;
}

/** The pages a numbered list still has: `next` up to `last`, as URLs that differ only in `page`. */
export interface NumberedPages {
  readonly first: number;
  readonly last: number;
  url(page: number): string;
}

/**
 * Lists that GitHub numbers (`page` is a documented parameter of them, and their Link carries
 * `rel="last"`) can be asked several pages at a time. Only when `next` and `last` are the same URL
 * but for `page` — so every page asked is one GitHub linked to, in its own form. Anything else
 * (cursor-based lists: `after=…`, no `last`) gives undefined: follow `next` one page at a time.
 */
export function numberedPages(rels: Readonly<Record<string, string>>): NumberedPages | undefined {
  const next = urlOrUndefined(rels['next']);
  const last = urlOrUndefined(rels['last']);
  if (next === undefined || last === undefined) return undefined;
  const first = Number(next.searchParams.get('page'));
  const lastPage = Number(last.searchParams.get('page'));
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(lastPage) || first < 2 || lastPage < first)
    return undefined;
  const withPage = (template: URL, page: number) => {
    const copy = new URL(template);
    copy.searchParams.set('page', String(page));
    return copy.href;
  };
  if (withPage(next, lastPage) !== withPage(last, lastPage)) return undefined;
  return { first, last: lastPage, url: (page) => withPage(last, page) };
}

function urlOrUndefined(text: string | undefined): URL | undefined {
  if (text === undefined) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
