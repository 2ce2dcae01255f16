import { describe, expect, it } from '@jest/globals';
import { loadScoringConfig } from '../../../config/scoring/load-scoring-config.js';
import { computeMetrics } from '../../../src/score/compute-metrics.js';
import { computeHealthScore, type HealthScore } from '../../../src/score/health-score.js';
import type { MetricDefinition, MetricValue } from '../../../src/score/metric.js';
import { parseScoringConfig } from '../../../src/score/scoring-config.js';
import { AS_OF, generatedHistory } from './score-fixtures.js';

const fake = (id: string, direction: MetricDefinition['direction']): MetricDefinition => ({
  id,
  name: id,
  motivation: '',
  formula: '',
  direction,
  windowDays: null,
  counts: '',
  unit: '',
  compute: () => ({ value: null }),
});

const registry = [
  fake('maintained', 'higher-is-better'),
  fake('a', 'higher-is-better'),
  fake('b', 'lower-is-better'),
  fake('c', 'higher-is-better'),
  fake('d', 'higher-is-better'),
];

const config = parseScoringConfig(
  {
    version: 'v9',
    maintainedGate: { archivedCap: 0, inactiveCap: 30 },
    metrics: {
      maintained: { weight: 0, normalisation: { kind: 'linear', bad: 0, good: 1 } },
      a: { weight: 30, normalisation: { kind: 'linear', bad: 0, good: 10 } },
      b: { weight: 10, normalisation: { kind: 'log', bad: 99, good: 0 } },
      c: { weight: 60, normalisation: { kind: 'linear', bad: 0, good: 1 } },
      d: { weight: 0, normalisation: { kind: 'linear', bad: 0, good: 1 } },
    },
  },
  registry,
);

const hundredths = (x: number) => Math.round(x * 100);
const pointsSum = (h: HealthScore) => hundredths(h.components.reduce((sum, c) => sum + c.points, 0));
const maintained = (value: number, reason: string | null = null): MetricValue => ({
  value,
  details: { reason },
});

describe('computeHealthScore', () => {
  it('renormalises the weights of metrics with data and traces every point', () => {
    // a = 5 → 0.5 of linear 0..10; b = 9 → (ln 10 − ln 100) ÷ (ln 1 − ln 100) = 0.5; c has no data.
    // Scored weights 30 + 10 → 75 and 25 points possible → 37.5 + 12.5 = 50.
    const result = computeHealthScore(
      { maintained: maintained(1), a: { value: 5 }, b: { value: 9 }, c: { value: null }, d: { value: 1 } },
      config,
    );
    expect(result.score).toBe(50);
    expect(result.components.map((c) => [c.metric, c.status, c.weight, c.points])).toEqual([
      ['maintained', 'gate', 0, 0],
      ['a', 'scored', 75, 37.5],
      ['b', 'scored', 25, 12.5],
      ['c', 'no-data', 0, 0],
      ['d', 'unweighted', 0, 0],
    ]);
    expect(pointsSum(result)).toBe(hundredths(result.score!));
    expect(result.weights).toMatchObject({ configuredTotal: 100, scoredTotal: 40 });
    expect(result.weights.note).toContain('c');
    expect(result.gate).toEqual({ maintained: true, reason: null, cap: null, uncappedScore: 50 });
  });

  it('caps an inactive repository and shows the cut as the gate’s negative points', () => {
    const result = computeHealthScore(
      { maintained: maintained(0, 'no activity in 90 days'), a: { value: 10 }, b: { value: 0 } },
      config,
    );
    expect(result.score).toBe(30);
    expect(result.gate).toMatchObject({ maintained: false, cap: 30, uncappedScore: 100 });
    expect(result.components.find((c) => c.metric === 'maintained')?.points).toBe(-70);
    expect(pointsSum(result)).toBe(3000);
  });

  it('zeroes an archived repository', () => {
    const result = computeHealthScore({ maintained: maintained(0, 'archived'), a: { value: 4 } }, config);
    expect(result.score).toBe(0);
    expect(pointsSum(result)).toBe(0);
  });

  it('has no score without data, unless the gate says the repository is unmaintained', () => {
    expect(computeHealthScore({ maintained: maintained(1) }, config).score).toBeNull();
    expect(computeHealthScore({ maintained: maintained(0, 'no activity in 90 days') }, config).score).toBe(0);
  });

  it('rounds points so they still sum to the score', () => {
    // a, b, c each earn a third of weights 30/10/60 → 33.33 points in total.
    const third = { a: { value: 10 / 3 }, b: { value: 100 ** (2 / 3) - 1 }, c: { value: 1 / 3 } };
    const result = computeHealthScore({ maintained: maintained(1), ...third }, config);
    expect(pointsSum(result)).toBe(hundredths(result.score!));
    expect(hundredths(result.components.reduce((sum, c) => sum + c.weight, 0))).toBe(10_000);
  });

  it('leaves out a metric below its minimum coverage', () => {
    const withMinimum = parseScoringConfig(
      {
        ...config,
        metrics: { ...config.metrics, a: { ...config.metrics['a']!, minCoverage: 0.5 } },
      },
      registry,
    );
    const result = computeHealthScore(
      { maintained: maintained(1), a: { value: 10, coverage: 0.2 }, b: { value: 0 } },
      withMinimum,
    );
    expect(result.components.find((c) => c.metric === 'a')?.status).toBe('low-coverage');
    expect(result.score).toBe(100);
  });
});

describe('computeHealthScore with the v1 config on a generated history', () => {
  const v1 = loadScoringConfig();
  const history = generatedHistory();

  it.each([Date.UTC(2023, 5, 30, 23, 59, 59, 999), AS_OF, Date.UTC(2024, 0, 31, 23, 59, 59, 999)])(
    'points sum to the score and each stays within its weight (asOf %i)',
    (asOf) => {
      const result = computeHealthScore(computeMetrics(history, asOf), v1);
      expect(result.score).not.toBeNull();
      expect(result.score!).toBeGreaterThanOrEqual(0);
      expect(result.score!).toBeLessThanOrEqual(100);
      expect(pointsSum(result)).toBe(hundredths(result.score!));
      for (const c of result.components) {
        if (c.status !== 'scored') continue;
        expect(c.points).toBeLessThanOrEqual(c.weight + 0.01);
        expect(Math.abs(c.points - c.weight * c.fraction!)).toBeLessThanOrEqual(0.011);
      }
    },
  );
});
