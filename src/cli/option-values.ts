import { VitalsError } from '../shared/errors.js';

/** Parses an integer option within [min, max]; anything else is bad input (exit 2) naming the flag. */
export function integerOption(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new VitalsError('INPUT_INVALID', `${flag} must be an integer from ${min} to ${max}, got ${value}`);
  return n;
}

/** `--as-of DATE` (default: now); an unreadable date is bad input (exit 2). */
export function asOfOption(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new VitalsError(
      'INPUT_INVALID',
      `--as-of must be a date such as 2026-01-31, got ${JSON.stringify(value)}`,
    );
  return date;
}
