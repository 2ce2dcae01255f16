/** PostgreSQL `text` cannot hold NUL (U+0000); hostile or odd payloads lose it rather than fail a write. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

export function withoutNulOrNull(text: string | null): string | null {
  return text === null ? null : withoutNul(text);
}
