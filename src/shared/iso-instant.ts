/** Real UTC offsets lie within −12:00…+14:00. */
export const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * GitHub's own shapes, `2024-06-27T13:04:09Z` and `2024-06-27T13:04:09+08:00`, read digit by digit:
 * Date.parse takes ~300 ns per value on Node 20, this ~70. Only ordinary values (year 100–9999,
 * real days of the month, hours 0–23, offsets up to ±14:00) are read here; anything else —
 * fractions, odd spacing, leap seconds, rolled-over days — is left to Date.parse (undefined).
 * Crawl rows (GitHub's payloads) and the simulator's list sorting both read their instants here.
 */
export function readIsoInstant(value: string): { ms: number; offsetMinutes: number } | undefined {
  // Payloads are untrusted: a non-string takes the general path, as before.
  if (typeof value !== 'string') return undefined;
  const length = value.length;
  if (length !== 20 && length !== 25) return undefined;
  if (
    value.charCodeAt(4) !== DASH ||
    value.charCodeAt(7) !== DASH ||
    value.charCodeAt(10) !== LETTER_T ||
    value.charCodeAt(13) !== COLON ||
    value.charCodeAt(16) !== COLON
  )
    return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  // Date.UTC maps years 0–99 to 1900–1999; NaN (a non-digit) fails every comparison.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)))
    return undefined;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  let offsetMinutes = 0;
  if (length === 20) {
    if (value.charCodeAt(19) !== LETTER_Z) return undefined;
  } else {
    const sign = value.charCodeAt(19);
    const offsetHours = digits(value, 20, 2);
    const offsetRest = digits(value, 23, 2);
    if ((sign !== PLUS && sign !== DASH) || value.charCodeAt(22) !== COLON) return undefined;
    // Offsets beyond ±14:00 (kept as 0 by parseGitTimestamp) go the slow way too.
    if (!(offsetRest <= 59 && offsetHours * 60 + offsetRest <= MAX_OFFSET_MINUTES)) return undefined;
    offsetMinutes = (sign === DASH ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  return { ms, offsetMinutes };
}

const DASH = 0x2d;
const PLUS = 0x2b;
const COLON = 0x3a;
const LETTER_T = 0x54;
const LETTER_Z = 0x5a;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] as number;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The decimal number of `count` ASCII digits at `start`, NaN when one is not a digit. */
function digits(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = value.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}
