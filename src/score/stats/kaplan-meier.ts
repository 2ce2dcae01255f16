/**
 * Kaplan–Meier estimate of "how long until X happens" when some items have not had X yet (they are
 * censored: we only know X did not happen during their follow-up). Dropping those items would make
 * a slow project look fast; capping them would invent a time. The estimator keeps each censored item
 * in the risk set until its follow-up ends.
 *
 * Conventions (documented in docs/metrics.md through the metric formulas):
 * - At a time where events and censorings tie, events are counted first (censored items were still
 *   at risk), the usual convention.
 * - A quantile q is the smallest observed time t with estimated completed share F(t) ≥ q. Without
 *   censoring this is the ⌈q·n⌉-th smallest time (nearest rank). When F never reaches q the quantile
 *   is not reached: we report the longest follow-up as a lower bound and say so.
 * - F(x) for x after the last observation carries the last estimate forward (no extrapolation).
 */

export interface Observation {
  /** Time from start to the event, or to the end of follow-up when censored. Non-negative. */
  readonly time: number;
  /** true = the event happened at `time`; false = censored at `time`. */
  readonly event: boolean;
}

export interface SurvivalCurve {
  /** Distinct event times, ascending, with the completed share F(t) = 1 − S(t) right after each. */
  readonly steps: readonly { readonly time: number; readonly completed: number }[];
  readonly observations: number;
  readonly events: number;
  /** Longest observed time, event or censored (0 when there are no observations). */
  readonly maxFollowUp: number;
}

export interface Quantile {
  /** The quantile when reached, else the longest follow-up (a lower bound). null without data. */
  readonly value: number | null;
  readonly reached: boolean;
}

const EPSILON = 1e-12;

export function kaplanMeier(observations: readonly Observation[]): SurvivalCurve {
  const sorted = [...observations].sort((a, b) => a.time - b.time || Number(b.event) - Number(a.event));
  const steps: { time: number; completed: number }[] = [];
  let survival = 1;
  let atRisk = sorted.length;
  let events = 0;
  let i = 0;
  while (i < sorted.length) {
    const time = sorted[i]!.time;
    let deaths = 0;
    let leaving = 0;
    while (i < sorted.length && sorted[i]!.time === time) {
      if (sorted[i]!.event) deaths += 1;
      leaving += 1;
      i += 1;
    }
    if (deaths > 0) {
      survival *= 1 - deaths / atRisk;
      steps.push({ time, completed: 1 - survival });
      events += deaths;
    }
    atRisk -= leaving;
  }
  const maxFollowUp = sorted.length > 0 ? sorted[sorted.length - 1]!.time : 0;
  return { steps, observations: sorted.length, events, maxFollowUp };
}

export function survivalQuantile(curve: SurvivalCurve, q: number): Quantile {
  if (curve.observations === 0) return { value: null, reached: false };
  const step = curve.steps.find((s) => s.completed >= q - EPSILON);
  return step ? { value: step.time, reached: true } : { value: curve.maxFollowUp, reached: false };
}

/** Estimated share completed by time x (inclusive). null without observations. */
export function completedBy(curve: SurvivalCurve, x: number): number | null {
  if (curve.observations === 0) return null;
  let completed = 0;
  for (const step of curve.steps) {
    if (step.time > x) break;
    completed = step.completed;
  }
  return completed;
}
