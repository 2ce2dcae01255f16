import type { EpochMs, ScoreInput } from './inputs.js';

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type MetricDirection = 'higher-is-better' | 'lower-is-better';

/** What a metric computes for one repository at one `asOf`. */
export interface MetricValue {
  /** null = no data to judge by (the composite score then leaves the metric out). */
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  /** Share (0–1) of the relevant volume the value could use, when some of it is unknown. */
  readonly coverage?: number | null;
  /** Extra figures that explain the value (JSON-safe; never per-person data). */
  readonly details?: { readonly [key: string]: JsonValue | undefined };
}

/**
 * A metric carries its own definition beside its code (OpenSSF Scorecard style); docs/metrics.md is
 * generated from these fields.
 */
export interface MetricDefinition {
  /** Stable kebab-case id, used in config/scoring/*.json, the API and alert rules. */
  readonly id: string;
  readonly name: string;
  readonly motivation: string;
  readonly formula: string;
  readonly direction: MetricDirection;
  /** Days before `asOf` the metric looks at; null when it is not windowed. */
  readonly windowDays: number | null;
  /** What counts and what is left out (bots always are). */
  readonly counts: string;
  readonly unit: string;
  compute(input: ScoreInput, asOf: EpochMs): MetricValue;
}
