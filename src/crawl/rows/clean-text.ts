import { instantMs } from './git-timestamp.js';

/**
 * API payloads are untrusted text: PostgreSQL `text` rejects NUL characters, and a hostile or broken
 * payload can carry megabytes where a name belongs. Clip (by code point, never splitting a surrogate
 * pair) and drop NULs; keep everything else, whatever the script.
 */
export function cleanText(value: string, maxLength: number): string;
export function cleanText(value: string | null | undefined, maxLength: number): string | null;
export function cleanText(value: string | null | undefined, maxLength: number): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : String(value);
  // eslint-disable-next-line no-control-regex
  const withoutNul = text.includes('\u0000') ? text.replace(/\u0000/g, '') : text;
  if (withoutNul.length <= maxLength) return withoutNul;
  return Array.from(withoutNul).slice(0, maxLength).join('');
}

/** Length of a body we do not store (only its size matters to metrics). */
export function bodyLength(value: string | null | undefined): number {
  return typeof value === 'string' ? value.length : 0;
}

export function toDateOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  if (typeof value !== 'string') {
    // An untrusted payload's number is a time value to new Date, not text: kept as it was.
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const ms = instantMs(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

export function toCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}
