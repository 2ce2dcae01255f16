import { z } from 'zod';
import { VitalsError } from '../shared/errors.js';
import type { MetricDefinition } from './metric.js';
import { METRICS } from './registry.js';

/**
 * The composite score's tuning is data (config/scoring/vN.json), validated here. Every registered
 * metric must appear (weight 0 = reported, not scored) so the docs and the score never disagree
 * about what is in the score.
 */

const normalisationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('linear'), bad: z.number(), good: z.number() }),
  z.strictObject({ kind: z.literal('log'), bad: z.number().nonnegative(), good: z.number().nonnegative() }),
]);

const metricEntrySchema = z.strictObject({
  weight: z.number().nonnegative(),
  normalisation: normalisationSchema,
  /** Below this coverage the metric is left out of the score (e.g. affiliation mostly unknown). */
  minCoverage: z.number().min(0).max(1).optional(),
});

const scoringConfigSchema = z.strictObject({
  version: z.string().regex(/^v\d+$/, 'must look like v1, v2, …'),
  description: z.string().optional(),
  maintainedGate: z.strictObject({
    /** Highest score an archived repository can get. */
    archivedCap: z.number().min(0).max(100),
    /** Highest score a repository without activity in 90 days can get. */
    inactiveCap: z.number().min(0).max(100),
  }),
  metrics: z.record(z.string(), metricEntrySchema),
});

export type Normalisation = z.infer<typeof normalisationSchema>;
export type MetricScoring = z.infer<typeof metricEntrySchema>;
export type ScoringConfig = Readonly<z.infer<typeof scoringConfigSchema>>;

function invalid(key: string, message: string): VitalsError {
  return new VitalsError('CONFIG_INVALID', `Invalid scoring config ${key}: ${message}`, { key });
}

function checkAgainstRegistry(config: ScoringConfig, registry: readonly MetricDefinition[]): void {
  const known = new Set(registry.map((m) => m.id));
  for (const id of Object.keys(config.metrics))
    if (!known.has(id)) throw invalid(`metrics.${id}`, `unknown metric; known ids: ${[...known].join(', ')}`);
  for (const metric of registry) {
    const entry = config.metrics[metric.id];
    if (!entry)
      throw invalid(
        `metrics.${metric.id}`,
        'missing; every registered metric needs an entry (weight 0 to leave it out of the score)',
      );
    const { bad, good } = entry.normalisation;
    const key = `metrics.${metric.id}.normalisation`;
    if (bad === good) throw invalid(key, `bad and good must differ (both ${bad})`);
    if (metric.direction === 'higher-is-better' && good < bad)
      throw invalid(key, `the metric is higher-is-better, so good (${good}) must be above bad (${bad})`);
    if (metric.direction === 'lower-is-better' && good > bad)
      throw invalid(key, `the metric is lower-is-better, so good (${good}) must be below bad (${bad})`);
  }
  if (Object.values(config.metrics).every((m) => m.weight === 0))
    throw invalid('metrics', 'every weight is 0');
}

/** Validates raw JSON into a frozen ScoringConfig; errors name the offending key. */
export function parseScoringConfig(
  raw: unknown,
  registry: readonly MetricDefinition[] = METRICS,
): ScoringConfig {
  const parsed = scoringConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    throw invalid(key, issue?.message ?? 'invalid');
  }
  const config = parsed.data;
  checkAgainstRegistry(config, registry);
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
