/**
 * Helpers for renderers that write JSON text directly: list pages serialise thousands of items, and
 * building each item as an object, stringifying it and splicing cached users in cost more than the
 * rest of a request. Each direct renderer must give exactly `JSON.stringify(renderX(...))` (same
 * keys, order and values); tests compare the two over whole generated worlds.
 */

/** `JSON.stringify(value)` for a value that is never undefined (strings, numbers, booleans, null). */
export function jsonValue(value: unknown): string {
  return typeof value === 'string' ? jsonString(value) : (JSON.stringify(value) as string);
}

/**
 * `,"key":value` — or nothing when the value is undefined, which JSON.stringify leaves out (world
 * records loaded from files may lack optional fields). `prefix` is `,"key":`.
 */
export function jsonMember(prefix: string, value: unknown): string {
  return value === undefined ? '' : prefix + jsonValue(value);
}

/**
 * A value as it reads inside a JSON string built with a template (`${value}`), escaped: ids and
 * numbers, the usual case, need no escaping.
 */
export function jsonPart(value: unknown): string {
  return typeof value === 'number' ? `${value}` : jsonString(`${value as string}`).slice(1, -1);
}

/** Characters JSON.stringify escapes in a string: controls, `"`, `\\` and lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * `JSON.stringify(text)`, quicker for the usual text that needs no escapes (one test instead of
 * JSON.stringify's character-by-character copy). Any surrogate — paired or not — takes the slow
 * path, which escapes the lone ones as JSON.stringify does.
 */
export function jsonString(text: string): string {
  return ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}
