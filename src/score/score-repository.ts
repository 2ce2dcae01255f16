import { computeHealthScore, type HealthScore } from './health-score.js';
import { computeMetrics, type MetricValues } from './compute-metrics.js';
import type { EpochMs, ScoreInput } from './inputs.js';
import type { ScoringConfig } from './scoring-config.js';

export interface RepositoryScore {
  readonly asOf: EpochMs;
  readonly metrics: MetricValues;
  /** Fills the `health` part of `vitals report --json` (design §3): score and components. */
  readonly health: HealthScore;
}

/** Every metric and the composite score of one repository as of `asOf`. */
export function scoreRepository(input: ScoreInput, asOf: EpochMs, config: ScoringConfig): RepositoryScore {
  const metrics = computeMetrics(input, asOf);
  return { asOf, metrics, health: computeHealthScore(metrics, config) };
}
