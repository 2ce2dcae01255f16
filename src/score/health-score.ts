import { apportionHundredths } from './apportion.js';
import type { MetricValues } from './compute-metrics.js';
import { normalise } from './normalise.js';
import type { ScoringConfig } from './scoring-config.js';

export type ComponentStatus = 'scored' | 'no-data' | 'low-coverage' | 'unweighted' | 'gate';

/** One metric's share of the score. Σ points over all components = score, exactly (hundredths). */
export interface ScoreComponent {
  readonly metric: string;
  readonly value: number | null;
  readonly points: number;
  /** Points this metric can earn after renormalisation (Σ over scored components = 100). */
  readonly weight: number;
  /** Weight as written in the scoring config. */
  readonly configuredWeight: number;
  /** Share of its weight the value earned (0–1); null when not scored. */
  readonly fraction: number | null;
  readonly coverage: number | null;
  readonly status: ComponentStatus;
}

export interface HealthScore {
  readonly scoringVersion: string;
  /** 0–100, or null when no weighted metric has data and no gate applies. */
  readonly score: number | null;
  readonly components: readonly ScoreComponent[];
  readonly gate: {
    readonly maintained: boolean | null;
    readonly reason: string | null;
    readonly cap: number | null;
    /** The score before the gate. */
    readonly uncappedScore: number | null;
  };
  readonly weights: {
    readonly configuredTotal: number;
    readonly scoredTotal: number;
    /** Says which weights were left out and that the rest were scaled up to 100. */
    readonly note: string;
  };
}

const GATE_METRIC = 'maintained';

/**
 * The composite health score from already computed metric values. A metric scores when its weight
 * is above 0, its value is not null and its coverage reaches the configured minimum; the weights of
 * the scored metrics are rescaled to sum to 100 (metrics without data neither help nor hurt). The
 * `maintained` gate then caps the score: archivedCap for archived repositories, inactiveCap for
 * those without activity in 90 days; the cut appears as the gate component's negative points.
 */
export function computeHealthScore(values: MetricValues, config: ScoringConfig): HealthScore {
  const ids = Object.keys(config.metrics);
  const rows = ids.map((metric) => {
    const entry = config.metrics[metric]!;
    const result = values[metric];
    const value = result?.value ?? null;
    const coverage = result?.coverage ?? null;
    let status: ComponentStatus = 'scored';
    if (metric === GATE_METRIC) status = 'gate';
    else if (entry.weight === 0) status = 'unweighted';
    else if (value === null || !Number.isFinite(value)) status = 'no-data';
    else if (entry.minCoverage !== undefined && (coverage ?? 0) < entry.minCoverage) status = 'low-coverage';
    return { metric, value, coverage, entry, status };
  });
  const scored = rows.filter((r) => r.status === 'scored');
  const configuredTotal = ids.reduce((sum, id) => sum + config.metrics[id]!.weight, 0);
  const scoredTotal = scored.reduce((sum, r) => sum + r.entry.weight, 0);
  const fractions = rows.map((r) =>
    r.status === 'scored' ? normalise(r.value!, r.entry.normalisation) : null,
  );
  const weights = rows.map((r) => (r.status === 'scored' ? (r.entry.weight / scoredTotal) * 100 : 0));
  const { parts: points, total } = apportionHundredths(weights.map((w, i) => w * (fractions[i] ?? 0)));
  const roundedWeights = apportionHundredths(weights).parts;

  const gateValue = values[GATE_METRIC];
  const maintained = gateValue?.value === null || gateValue === undefined ? null : gateValue.value === 1;
  const reason = maintained === false ? String(gateValue?.details?.['reason'] ?? 'not maintained') : null;
  const cap =
    maintained === false
      ? reason === 'archived'
        ? config.maintainedGate.archivedCap
        : config.maintainedGate.inactiveCap
      : null;
  const uncappedScore = scored.length > 0 ? total : null;
  let score = uncappedScore;
  let gatePoints = 0;
  if (cap !== null) {
    // Without any scored metric an unmaintained repository has nothing to its credit: 0.
    score = uncappedScore === null ? 0 : Math.min(uncappedScore, cap);
    gatePoints = uncappedScore === null ? 0 : Math.round((score - uncappedScore) * 100) / 100;
  }

  const components: ScoreComponent[] = rows.map((r, i) => ({
    metric: r.metric,
    value: r.value,
    points: r.status === 'gate' ? gatePoints : points[i]!,
    weight: roundedWeights[i]!,
    configuredWeight: r.entry.weight,
    fraction: fractions[i] ?? null,
    coverage: r.coverage,
    status: r.status,
  }));
  const left = rows.filter((r) => r.status === 'no-data' || r.status === 'low-coverage').map((r) => r.metric);
  const note =
    left.length === 0
      ? 'All weighted metrics had data; weights scaled to sum to 100.'
      : `Left out for lack of data or coverage: ${left.join(', ')}; the other weights were scaled up to sum to 100.`;
  return {
    scoringVersion: config.version,
    score,
    components,
    gate: { maintained, reason, cap, uncappedScore },
    weights: { configuredTotal, scoredTotal, note },
  };
}
