/**
 * Time zones and date formatting for generated worlds. Offsets follow the real daylight-saving
 * rules of each region, so a contributor in New York commits at -05:00 in winter and -04:00 in
 * summer, switching on the right Sundays — the evidence a geography heuristic should see.
 */

/** `us`: 2nd Sunday of March → 1st Sunday of November, 02:00 local. `eu`: last Sunday of March →
 * last Sunday of October, 01:00 UTC. `au`: 1st Sunday of October → 1st Sunday of April, 02:00 standard. */
export type DstRule = 'none' | 'us' | 'eu' | 'au';

export interface TimeZone {
  id: string;
  standardMinutes: number;
  dst: DstRule;
}

const HOUR_MS = 3_600_000;
// Globals captured once: under jest's vm contexts every global lookup is many times slower.
const { floor, abs } = Math;
const fromCharCode = String.fromCharCode;
const DateClass = Date;

function nthSundayUtc(year: number, monthIndex: number, nth: number): number {
  const first = Date.UTC(year, monthIndex, 1);
  const weekday = new Date(first).getUTCDay();
  const firstSunday = 1 + ((7 - weekday) % 7);
  return Date.UTC(year, monthIndex, firstSunday + 7 * (nth - 1));
}

function lastSundayUtc(year: number, monthIndex: number): number {
  const last = Date.UTC(year, monthIndex + 1, 0);
  const weekday = new Date(last).getUTCDay();
  return last - weekday * 24 * HOUR_MS;
}

/** [start, end) of daylight time in UTC ms for a zone and year; cached, a world asks millions of times. */
const transitions = new Map<string, readonly [number, number]>();

function daylightWindow(zone: TimeZone, year: number): readonly [number, number] {
  const key = `${zone.id}:${year}`;
  let window = transitions.get(key);
  if (window) return window;
  const standardHours = zone.standardMinutes / 60;
  if (zone.dst === 'us') {
    window = [
      nthSundayUtc(year, 2, 2) + (2 - standardHours) * HOUR_MS,
      nthSundayUtc(year, 10, 1) + (2 - (standardHours + 1)) * HOUR_MS,
    ];
  } else if (zone.dst === 'eu') {
    window = [lastSundayUtc(year, 2) + HOUR_MS, lastSundayUtc(year, 9) + HOUR_MS];
  } else {
    // Southern hemisphere: daylight time from October to April, so the window wraps the new year.
    window = [
      nthSundayUtc(year, 9, 1) + (2 - standardHours) * HOUR_MS,
      nthSundayUtc(year, 3, 1) + (2 - standardHours) * HOUR_MS,
    ];
  }
  transitions.set(key, window);
  return window;
}

const YEAR_MS = 365.2425 * 24 * HOUR_MS;

function isDaylightTime(zone: TimeZone, utcMs: number): boolean {
  if (zone.dst === 'none') return false;
  // An approximate year is enough: no transition lies within days of the new year.
  const year = floor(1970 + utcMs / YEAR_MS);
  const [start, end] = daylightWindow(zone, year);
  return zone.dst === 'au' ? utcMs < end || utcMs >= start : utcMs >= start && utcMs < end;
}

/** The zone's UTC offset in minutes at an instant. */
export function offsetMinutesAt(zone: TimeZone, utcMs: number): number {
  return zone.standardMinutes + (isDaylightTime(zone, utcMs) ? 60 : 0);
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${two(Math.floor(absolute / 60))}:${two(absolute % 60)}`;
}

const DIGIT_0 = 48;
const codes: number[] = new Array(25).fill(0);

function putDigits(at: number, value: number, width: number): void {
  for (let i = width - 1; i >= 0; i--) {
    codes[at + i] = DIGIT_0 + (value % 10);
    value = floor(value / 10);
  }
}

function putDateTime(local: Date): void {
  putDigits(0, local.getUTCFullYear(), 4);
  codes[4] = 45; // -
  putDigits(5, local.getUTCMonth() + 1, 2);
  codes[7] = 45;
  putDigits(8, local.getUTCDate(), 2);
  codes[10] = 84; // T
  putDigits(11, local.getUTCHours(), 2);
  codes[13] = 58; // :
  putDigits(14, local.getUTCMinutes(), 2);
  codes[16] = 58;
  putDigits(17, local.getUTCSeconds(), 2);
}

/**
 * ISO 8601 local time with its offset, as git stores it: `2024-06-27T13:04:09+08:00`. Built from
 * char codes so the result is one flat string: template concatenation leaves a rope of ~10 nodes,
 * which multiplies the memory of a million-commit world.
 */
export function formatWithOffset(utcMs: number, offsetMinutes: number): string {
  putDateTime(new DateClass(floor(utcMs / 1000) * 1000 + offsetMinutes * 60_000));
  codes[19] = offsetMinutes < 0 ? 45 : 43; // - or +
  const absolute = abs(offsetMinutes);
  putDigits(20, floor(absolute / 60), 2);
  codes[22] = 58;
  putDigits(23, absolute % 60, 2);
  return fromCharCode(...codes);
}

const utcCodes: number[] = new Array(20).fill(0);

/** ISO 8601 in UTC without milliseconds, as GitHub's REST API writes timestamps: `2026-10-31T23:59:59Z`. */
export function formatUtc(utcMs: number): string {
  putDateTime(new DateClass(floor(utcMs / 1000) * 1000));
  for (let i = 0; i < 19; i++) utcCodes[i] = codes[i] as number;
  utcCodes[19] = 90; // Z
  return fromCharCode(...utcCodes);
}

export function formatInZone(zone: TimeZone, utcMs: number): string {
  return formatWithOffset(utcMs, offsetMinutesAt(zone, utcMs));
}

export const ZONES = {
  shanghai: { id: 'Asia/Shanghai', standardMinutes: 480, dst: 'none' },
  hongKong: { id: 'Asia/Hong_Kong', standardMinutes: 480, dst: 'none' },
  taipei: { id: 'Asia/Taipei', standardMinutes: 480, dst: 'none' },
  singapore: { id: 'Asia/Singapore', standardMinutes: 480, dst: 'none' },
  kualaLumpur: { id: 'Asia/Kuala_Lumpur', standardMinutes: 480, dst: 'none' },
  manila: { id: 'Asia/Manila', standardMinutes: 480, dst: 'none' },
  perth: { id: 'Australia/Perth', standardMinutes: 480, dst: 'none' },
  tokyo: { id: 'Asia/Tokyo', standardMinutes: 540, dst: 'none' },
  seoul: { id: 'Asia/Seoul', standardMinutes: 540, dst: 'none' },
  kolkata: { id: 'Asia/Kolkata', standardMinutes: 330, dst: 'none' },
  kathmandu: { id: 'Asia/Kathmandu', standardMinutes: 345, dst: 'none' },
  sydney: { id: 'Australia/Sydney', standardMinutes: 600, dst: 'au' },
  newYork: { id: 'America/New_York', standardMinutes: -300, dst: 'us' },
  chicago: { id: 'America/Chicago', standardMinutes: -360, dst: 'us' },
  denver: { id: 'America/Denver', standardMinutes: -420, dst: 'us' },
  losAngeles: { id: 'America/Los_Angeles', standardMinutes: -480, dst: 'us' },
  toronto: { id: 'America/Toronto', standardMinutes: -300, dst: 'us' },
  saoPaulo: { id: 'America/Sao_Paulo', standardMinutes: -180, dst: 'none' },
  london: { id: 'Europe/London', standardMinutes: 0, dst: 'eu' },
  berlin: { id: 'Europe/Berlin', standardMinutes: 60, dst: 'eu' },
  paris: { id: 'Europe/Paris', standardMinutes: 60, dst: 'eu' },
  amsterdam: { id: 'Europe/Amsterdam', standardMinutes: 60, dst: 'eu' },
  warsaw: { id: 'Europe/Warsaw', standardMinutes: 60, dst: 'eu' },
  kyiv: { id: 'Europe/Kyiv', standardMinutes: 120, dst: 'eu' },
  moscow: { id: 'Europe/Moscow', standardMinutes: 180, dst: 'none' },
  utc: { id: 'UTC', standardMinutes: 0, dst: 'none' },
} as const satisfies Record<string, TimeZone>;
