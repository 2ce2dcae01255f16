/**
 * Parses a `Link` header into rel → URL. GitHub paginates with it; clients must follow the URLs it
 * gives instead of building page numbers (cursor-based lists have none).
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
