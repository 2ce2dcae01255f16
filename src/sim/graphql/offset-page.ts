import { decodeCursor, encodeCursor, type ConnectionPage } from './connection.js';
import { invalidCursorError } from './keyset-page.js';

/**
 * Offset pagination for small nested lists (labels, reviews of one pull request, comments of one
 * issue): the cursor is base64 of "cursor:{offset}". Items are only ever appended to these lists.
 */
export function offsetPage<T>(items: T[], first: number, after: unknown): ConnectionPage<T> {
  let start = 0;
  if (typeof after === 'string') {
    const match = /^cursor:(\d+)$/.exec(decodeCursor(after));
    if (!match?.[1]) throw invalidCursorError(after);
    start = Number(match[1]) + 1;
  }
  const shown = items.slice(start, start + first);
  return {
    totalCount: items.length,
    items: shown,
    cursor: (i) => encodeCursor(`cursor:${start + i}`),
    hasNextPage: start + shown.length < items.length,
    hasPreviousPage: start > 0,
  };
}
