import { typedError } from './graphql-errors.js';
import { decodeCursor, encodeCursor, type ConnectionPage } from './connection.js';

/**
 * Keyset pagination over a list sorted by (key, id): a cursor names the last item's sort key and
 * id, so a page boundary stays put when items are added or re-sorted between requests (as GitHub's
 * cursors do). Finding the boundary is a binary search.
 */
export interface KeysetOptions<T> {
  sorted: T[];
  keyOf: (item: T) => string | number;
  idOf: (item: T) => number;
  descending: boolean;
  first: number;
  after: string | null | undefined;
}

export function keysetPage<T>(options: KeysetOptions<T>): ConnectionPage<T> {
  const { sorted, keyOf, idOf, descending, first } = options;
  const sign = descending ? -1 : 1;
  const compare = (a: [string | number, number], b: [string | number, number]): number => {
    if (a[0] !== b[0]) return a[0] < b[0] ? -sign : sign;
    return (a[1] - b[1]) * sign;
  };
  let start = 0;
  if (options.after) {
    const boundary = parseKeysetCursor(options.after);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const item = sorted[mid] as T;
      if (compare([keyOf(item), idOf(item)], boundary) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items = sorted.slice(start, start + first);
  return {
    totalCount: sorted.length,
    items,
    cursor: (i) => {
      const item = items[i] as T;
      return encodeCursor(`cursor:v2:${JSON.stringify([keyOf(item), idOf(item)])}`);
    },
    hasNextPage: start + items.length < sorted.length,
    hasPreviousPage: start > 0,
  };
}

function parseKeysetCursor(cursor: string): [string | number, number] {
  const text = decodeCursor(cursor);
  if (text.startsWith('cursor:v2:')) {
    try {
      const parsed: unknown = JSON.parse(text.slice('cursor:v2:'.length));
      if (
        Array.isArray(parsed) &&
        parsed.length === 2 &&
        (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
        typeof parsed[1] === 'number'
      ) {
        return [parsed[0], parsed[1]];
      }
    } catch {
      // fall through to the error GitHub gives for a cursor it did not issue
    }
  }
  throw invalidCursorError(cursor);
}

export function invalidCursorError(cursor: string): Error {
  return typedError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
}
