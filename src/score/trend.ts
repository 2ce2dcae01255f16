import type { EpochMs } from './inputs.js';
import { DAY_MS } from './time-window.js';
import { addUtcMonths } from './utc-calendar.js';

export interface SeriesPoint {
  readonly asOf: EpochMs;
  readonly value: number | null;
}

export interface TrendStep {
  readonly baselineAsOf: EpochMs;
  readonly baseline: number;
  readonly delta: number;
  readonly arrow: '↑' | '↓' | '→';
}

export interface Trend {
  readonly threeMonths: TrendStep | null;
  readonly twelveMonths: TrendStep | null;
}

export interface TrendOptions {
  /** How far a snapshot may be from the exact date 3/12 calendar months back. */
  readonly toleranceDays: number;
  /** |delta| below this is shown as → (flat). */
  readonly flatBelow: number;
}

export const TREND_DEFAULTS: TrendOptions = Object.freeze({ toleranceDays: 16, flatBelow: 2 });

/** The snapshot closest to `target` within the tolerance (earlier wins a tie); null when none. */
function baselineNear(
  history: readonly SeriesPoint[],
  target: EpochMs,
  toleranceDays: number,
): SeriesPoint | null {
  let best: SeriesPoint | null = null;
  for (const point of history) {
    if (point.value === null || Math.abs(point.asOf - target) > toleranceDays * DAY_MS) continue;
    const distance = Math.abs(point.asOf - target);
    const bestDistance = best ? Math.abs(best.asOf - target) : Infinity;
    if (distance < bestDistance || (distance === bestDistance && best !== null && point.asOf < best.asOf))
      best = point;
  }
  return best;
}

function step(current: number, baseline: SeriesPoint | null, flatBelow: number): TrendStep | null {
  if (!baseline || baseline.value === null) return null;
  const delta = Math.round((current - baseline.value) * 100) / 100;
  const arrow = Math.abs(delta) < flatBelow ? '→' : delta > 0 ? '↑' : '↓';
  return { baselineAsOf: baseline.asOf, baseline: baseline.value, delta, arrow };
}

/**
 * ↑/↓ of a score (or any metric series) against the snapshots 3 and 12 UTC calendar months before
 * `current.asOf`. Snapshots after `current.asOf` are ignored.
 */
export function computeTrend(
  current: SeriesPoint,
  history: readonly SeriesPoint[],
  options: Partial<TrendOptions> = {},
): Trend {
  const { toleranceDays, flatBelow } = { ...TREND_DEFAULTS, ...options };
  if (current.value === null) return { threeMonths: null, twelveMonths: null };
  const past = history.filter((p) => p.asOf < current.asOf);
  const at = (months: number) =>
    step(current.value!, baselineNear(past, addUtcMonths(current.asOf, -months), toleranceDays), flatBelow);
  return { threeMonths: at(3), twelveMonths: at(12) };
}
