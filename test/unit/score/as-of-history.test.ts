import { describe, expect, it } from '@jest/globals';
import { loadScoringConfig } from '../../../config/scoring/load-scoring-config.js';
import { computeMetrics } from '../../../src/score/compute-metrics.js';
import { computeHealthScore } from '../../../src/score/health-score.js';
import { scoreRepository } from '../../../src/score/score-repository.js';
import { utcMonthEndsBetween } from '../../../src/score/utc-calendar.js';
import { isVitalsError } from '../../../src/shared/errors.js';
import { generatedHistory, knownAt } from './score-fixtures.js';

const history = generatedHistory();
const monthEnds = utcMonthEndsBetween(Date.UTC(2022, 0, 1), Date.UTC(2024, 5, 30));

describe('scores as of any date', () => {
  it('a past asOf over today’s data equals the score computed with only what was known then', () => {
    const config = loadScoringConfig();
    expect(monthEnds).toHaveLength(29);
    for (const asOf of monthEnds) {
      const fromToday = computeMetrics(history, asOf);
      const fromThen = computeMetrics(knownAt(history, asOf), asOf);
      expect(fromToday).toEqual(fromThen);
      expect(computeHealthScore(fromToday, config)).toEqual(computeHealthScore(fromThen, config));
    }
  });

  it('is deterministic: same input and asOf → same output, whatever the row order', () => {
    const asOf = monthEnds.at(-1)!;
    const reversed = {
      ...history,
      commits: [...history.commits].reverse(),
      issues: [...history.issues].reverse(),
      comments: [...history.comments].reverse(),
      reviews: [...history.reviews].reverse(),
      releases: [...history.releases].reverse(),
    };
    const once = JSON.stringify(computeMetrics(history, asOf));
    expect(JSON.stringify(computeMetrics(history, asOf))).toBe(once);
    expect(JSON.stringify(computeMetrics(reversed, asOf))).toBe(once);
  });

  it('scoreRepository bundles the metrics and the health score; before creation there is no score', () => {
    const config = loadScoringConfig();
    const asOf = monthEnds.at(-1)!;
    const result = scoreRepository(history, asOf, config);
    expect(result.health).toEqual(computeHealthScore(computeMetrics(history, asOf), config));
    expect(result.health.score).toEqual(expect.any(Number));
    expect(scoreRepository(history, Date.UTC(2021, 11, 31), config).health.score).toBeNull();
  });

  it('rejects an asOf that is not a time', () => {
    expect(() => computeMetrics(history, Number.NaN)).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    try {
      computeMetrics(history, Number.NaN);
    } catch (err) {
      expect(isVitalsError(err, 'INPUT_INVALID')).toBe(true);
    }
  });
});
