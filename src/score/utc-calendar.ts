import type { EpochMs } from './inputs.js';

/**
 * Calendar arithmetic in UTC only. Month buckets and monthly snapshots use UTC month boundaries
 * whatever the author's offset: an event belongs to the UTC month of its instant.
 */

/** `YYYY-MM` of the UTC month holding `at`. */
export function utcMonthKey(at: EpochMs): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The last millisecond of the UTC month holding `at` (23:59:59.999Z on its last day). */
export function utcMonthEnd(at: EpochMs): EpochMs {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
}

/**
 * `asOf` values for monthly snapshots: the end of every UTC month from the one holding `from` up to
 * the last month that ended at or before `to`.
 */
export function utcMonthEndsBetween(from: EpochMs, to: EpochMs): EpochMs[] {
  const ends: EpochMs[] = [];
  for (let end = utcMonthEnd(from); end <= to; end = utcMonthEnd(end + 1)) ends.push(end);
  return ends;
}

/**
 * `at` moved by whole UTC calendar months, keeping the time of day; the day is clamped to the target
 * month's length (31 May − 3 months = 28/29 February).
 */
export function addUtcMonths(at: EpochMs, months: number): EpochMs {
  const d = new Date(at);
  const firstOfTarget = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const target = new Date(firstOfTarget);
  const daysInTarget = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const timeOfDay = at - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return (
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), daysInTarget)) +
    timeOfDay
  );
}
