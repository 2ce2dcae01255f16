import type { EpochMs, ScoreInput } from './inputs.js';
import { VitalsError } from '../shared/errors.js';
import type { MetricDefinition, MetricValue } from './metric.js';
import { METRICS } from './registry.js';

export type MetricValues = Readonly<Record<string, MetricValue>>;

/** Every registered metric of one repository as of `asOf` (pure; same input and asOf → same values). */
export function computeMetrics(
  input: ScoreInput,
  asOf: EpochMs,
  metrics: readonly MetricDefinition[] = METRICS,
): MetricValues {
  if (!Number.isFinite(asOf))
    throw new VitalsError('INPUT_INVALID', `asOf must be a finite epoch-millisecond time, got ${asOf}`, {
      asOf,
    });
  const values: Record<string, MetricValue> = {};
  for (const metric of metrics) values[metric.id] = metric.compute(input, asOf);
  return values;
}
