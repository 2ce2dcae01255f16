/** Query-string helpers shared by the list endpoints. */
import { readIsoInstant } from '../../shared/iso-instant.js';

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
  // World records hold canonical instants: read digit by digit (Date.parse showed in cold list requests).
  return iso === null ? 0 : (readIsoInstant(iso)?.ms ?? Date.parse(iso));
}

function isOrdered(keyed: readonly { key: number }[], sign: number): boolean {
  for (let i = 1; i < keyed.length; i++) {
    // `>= 0` is false for NaN keys: those go through the sort, as before.
    if (!(sign * ((keyed[i] as { key: number }).key - (keyed[i - 1] as { key: number }).key) >= 0)) {
      return false;
    }
  }
  return true;
}
