import type { EpochMs } from './inputs.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Windows are half-open and end at `asOf`: `(asOf - days, asOf]`. Only events at or before `asOf`
 * count, so a past `asOf` sees exactly what was known then. `days` null = everything up to `asOf`.
 */
export function isInWindow(at: EpochMs, asOf: EpochMs, days: number | null): boolean {
  return at <= asOf && (days === null || at > asOf - days * DAY_MS);
}

/** The window that ends where `(asOf - days, asOf]` starts: `(asOf - 2·days, asOf - days]`. */
export function isInPreviousWindow(at: EpochMs, asOf: EpochMs, days: number): boolean {
  return isInWindow(at, asOf - days * DAY_MS, days);
}
