const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LONE_SURROGATE_CANDIDATE = /[\ud800-\udfff]/;

/**
 * Text PostgreSQL can store: `text` cannot hold NUL (U+0000), and a lone UTF-16 surrogate has no
 * UTF-8 form (JSON escapes of one are rejected outright). Hostile or odd payloads lose NULs and get
 * U+FFFD for lone surrogates rather than failing a whole batch.
 */
export function cleanText(text: string): string {
  const withoutNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return LONE_SURROGATE_CANDIDATE.test(withoutNul)
    ? withoutNul.replace(LONE_SURROGATE, '\ufffd')
    : withoutNul;
}

export function cleanTextOrNull(text: string | null): string | null {
  return text === null ? null : cleanText(text);
}
