/** Query-string helpers shared by the list endpoints. */

/** An ISO 8601 timestamp parameter (`since`, `until`) as epoch ms; undefined when absent or invalid. */
export function instantParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

export function enumParam<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = query.get(name);
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

export function numberParam(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** Stable sort by a precomputed numeric key (ties keep input order). */
export function sortByKey<T>(items: readonly T[], key: (item: T) => number, direction: 'asc' | 'desc'): T[] {
  const keyed = items.map((item, position) => ({ item, key: key(item), position }));
  const sign = direction === 'asc' ? 1 : -1;
  // World lists usually come in id and time order already: a stable sort would keep them as they are.
  if (isOrdered(keyed, sign)) return items.slice();
  keyed.sort((a, b) => sign * (a.key - b.key) || a.position - b.position);
  return keyed.map((entry) => entry.item);
}

export function ms(iso: string | null): number {
  return iso === null ? 0 : (canonicalMs(iso) ?? Date.parse(iso));
}

/**
 * Epoch ms of a canonical `YYYY-MM-DDTHH:MM:SSZ` instant (what world records hold), read digit by
 * digit: list endpoints sort thousands of items by time, and Date.parse was a visible part of a
 * cold list request. Anything else — other forms, years before 100, days past 28 (which Date rolls
 * over) — answers undefined and goes to Date.parse.
 */
function canonicalMs(iso: string): number | undefined {
  if (iso.length !== 20 || iso.charCodeAt(19) !== 90) return undefined;
  for (let i = 0; i < 19; i++) {
    const code = iso.charCodeAt(i);
    const expected = SEPARATORS[i] as number;
    if (expected === 0 ? code < 48 || code > 57 : code !== expected) return undefined;
  }
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const second = digits(iso, 17, 2);
  if (
    year < 100 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/**
 * The number written by `count` digits of `iso` from `from`. Module-level rather than a closure in
 * canonicalMs: a closure is created per call (per list item), and under tsx each creation also
 * names the function (`__name`), which was a visible part of sorting a cold list.
 */
function digits(iso: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + iso.charCodeAt(i) - 48;
  return value;
}

/** Per position of `YYYY-MM-DDTHH:MM:SS`: the separator's code, or 0 for a digit. */
const SEPARATORS = [0, 0, 0, 0, 45, 0, 0, 45, 0, 0, 84, 0, 0, 58, 0, 0, 58, 0, 0];

function isOrdered(keyed: readonly { key: number }[], sign: number): boolean {
  for (let i = 1; i < keyed.length; i++) {
    // `>= 0` is false for NaN keys: those go through the sort, as before.
    if (!(sign * ((keyed[i] as { key: number }).key - (keyed[i - 1] as { key: number }).key) >= 0)) {
      return false;
    }
  }
  return true;
}
