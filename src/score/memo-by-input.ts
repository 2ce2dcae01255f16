import type { EpochMs, ScoreInput } from './inputs.js';

/**
 * Several metrics derive the same intermediate data (all human contributions, organisation volumes)
 * from one input and asOf. This remembers the last result per input object so a full computeMetrics
 * derives it once. Safe because the derivations are pure and inputs are treated as immutable; the
 * WeakMap lets inputs be garbage-collected.
 */
export function memoByInput<T>(
  derive: (input: ScoreInput, asOf: EpochMs) => T,
): (input: ScoreInput, asOf: EpochMs) => T {
  const cache = new WeakMap<ScoreInput, { asOf: EpochMs; value: T }>();
  return (input, asOf) => {
    const hit = cache.get(input);
    if (hit && hit.asOf === asOf) return hit.value;
    const value = derive(input, asOf);
    cache.set(input, { asOf, value });
    return value;
  };
}
