import type { Normalisation } from './scoring-config.js';

/**
 * Maps a metric value to a fraction of its points, 0 (at or past `bad`) to 1 (at or past `good`).
 * Works for both directions: for lower-is-better metrics `good` is below `bad`.
 * - linear: (v − bad) ÷ (good − bad)
 * - log: (ln(1+v) − ln(1+bad)) ÷ (ln(1+good) − ln(1+bad)) — for heavy-tailed values (hours, events),
 *   where going from 1 to 10 matters as much as from 10 to 100.
 */
export function normalise(value: number, n: Normalisation): number {
  const fraction =
    n.kind === 'linear'
      ? (value - n.bad) / (n.good - n.bad)
      : (Math.log1p(Math.max(0, value)) - Math.log1p(n.bad)) / (Math.log1p(n.good) - Math.log1p(n.bad));
  return Math.min(1, Math.max(0, fraction));
}
