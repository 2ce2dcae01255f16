import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { loadScoringConfig } from '../../../config/scoring/load-scoring-config.js';
import { parseScoringConfig } from '../../../src/score/scoring-config.js';
import { METRIC_IDS } from '../../../src/score/registry.js';
import { isVitalsError } from '../../../src/shared/errors.js';

const v1Raw = () =>
  JSON.parse(readFileSync(new URL('../../../config/scoring/v1.json', import.meta.url), 'utf8')) as {
    version: string;
    maintainedGate: Record<string, unknown>;
    metrics: Record<string, Record<string, unknown>>;
  };

function errorOf(raw: unknown): Error {
  try {
    parseScoringConfig(raw);
  } catch (err) {
    expect(isVitalsError(err, 'CONFIG_INVALID')).toBe(true);
    return err as Error;
  }
  throw new Error('expected the config to be rejected');
}

describe('scoring config', () => {
  it('v1 loads, is frozen and names every registered metric', () => {
    const config = loadScoringConfig('v1');
    expect(config.version).toBe('v1');
    expect(Object.keys(config.metrics).sort()).toEqual([...METRIC_IDS].sort());
    expect(Object.isFrozen(config.metrics['activity-index'])).toBe(true);
  });

  it.each<[string, (raw: ReturnType<typeof v1Raw>) => void, RegExp]>([
    [
      'a negative weight',
      (r) => (r.metrics['bus-factor-commits']!['weight'] = -1),
      /metrics\.bus-factor-commits\.weight/,
    ],
    [
      'a weight that is a string',
      (r) => (r.metrics['activity-index']!['weight'] = '6'),
      /metrics\.activity-index\.weight/,
    ],
    [
      'an unknown normalisation kind',
      (r) => (r.metrics['activity-index']!['normalisation'] = { kind: 'cubic', bad: 0, good: 1 }),
      /metrics\.activity-index\.normalisation/,
    ],
    [
      'a misspelt key',
      (r) => (r.metrics['release-cadence']!['wieght'] = 1),
      /metrics\.release-cadence.*wieght/,
    ],
    ['a bad version', (r) => (r.version = 'one'), /version/],
    ['a cap above 100', (r) => (r.maintainedGate['inactiveCap'] = 120), /maintainedGate\.inactiveCap/],
    [
      'an unknown metric',
      (r) => (r.metrics['stars'] = { weight: 1, normalisation: { kind: 'linear', bad: 0, good: 1 } }),
      /metrics\.stars: unknown metric/,
    ],
    ['a missing metric', (r) => delete r.metrics['release-cadence'], /metrics\.release-cadence: missing/],
    [
      'equal bounds',
      (r) => (r.metrics['release-cadence']!['normalisation'] = { kind: 'linear', bad: 2, good: 2 }),
      /metrics\.release-cadence\.normalisation: bad and good must differ/,
    ],
    [
      'bounds against the metric’s direction',
      (r) => (r.metrics['issue-first-response']!['normalisation'] = { kind: 'log', bad: 24, good: 720 }),
      /metrics\.issue-first-response\.normalisation: .*lower-is-better/,
    ],
    [
      'all weights zero',
      (r) => Object.values(r.metrics).forEach((m) => (m['weight'] = 0)),
      /Invalid scoring config metrics: every weight is 0/,
    ],
  ])('rejects %s with a message naming the key', (_, spoil, message) => {
    const raw = v1Raw();
    spoil(raw);
    expect(errorOf(raw).message).toMatch(message);
  });

  it('rejects versions that are not vN and versions without a file', () => {
    expect(() => loadScoringConfig('../v1')).toThrow(/Invalid scoring config version/);
    expect(() => loadScoringConfig('v99')).toThrow(/Scoring config v99 cannot be read/);
  });
});
