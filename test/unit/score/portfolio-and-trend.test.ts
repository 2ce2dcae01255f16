import { describe, expect, it } from '@jest/globals';
import { computePortfolioScore } from '../../../src/score/portfolio-score.js';
import { computeTrend } from '../../../src/score/trend.js';
import { utcMonthEnd } from '../../../src/score/utc-calendar.js';

describe('computePortfolioScore (activity-weighted mean)', () => {
  it('weights each repository by 1 + ln(1 + events per week) and traces the points', () => {
    const result = computePortfolioScore([
      { repository: 'o/b', score: 40, activityPerWeek: Math.E - 1 }, // weight 2
      { repository: 'o/a', score: 80, activityPerWeek: 0 }, // weight 1
      { repository: 'o/c', score: null, activityPerWeek: 50 },
    ]);
    // (80·1 + 40·2) ÷ 3 = 53.33
    expect(result.score).toBe(53.33);
    expect(result.members.map((m) => [m.repository, m.points])).toEqual([
      ['o/a', 26.67],
      ['o/b', 26.66],
    ]);
    expect(result.members[1]!.weight).toBeCloseTo(2 / 3, 12);
    expect(result.unscored).toEqual(['o/c']);
  });

  it('has no score when no repository has one', () => {
    expect(
      computePortfolioScore([{ repository: 'o/a', score: null, activityPerWeek: null }]).score,
    ).toBeNull();
  });
});

describe('computeTrend (vs 3 and 12 UTC calendar months ago)', () => {
  const end = (y: number, m: number) => utcMonthEnd(Date.UTC(y, m - 1, 1));
  const history = [
    { asOf: end(2023, 6), value: 61 },
    { asOf: end(2024, 3), value: 50 },
    { asOf: end(2024, 5), value: 55 },
    { asOf: end(2024, 9), value: 99 }, // after the current snapshot: ignored
  ];

  it('compares with the nearest snapshot and shows arrows', () => {
    const trend = computeTrend({ asOf: end(2024, 6), value: 60 }, history);
    expect(trend.threeMonths).toEqual({ baselineAsOf: end(2024, 3), baseline: 50, delta: 10, arrow: '↑' });
    expect(trend.twelveMonths).toEqual({ baselineAsOf: end(2023, 6), baseline: 61, delta: -1, arrow: '→' });
    expect(computeTrend({ asOf: end(2024, 6), value: 40 }, history).threeMonths?.arrow).toBe('↓');
  });

  it('has no step without a snapshot near the date', () => {
    const trend = computeTrend({ asOf: end(2024, 6), value: 60 }, [{ asOf: end(2024, 1), value: 10 }]);
    expect(trend).toEqual({ threeMonths: null, twelveMonths: null });
  });
});
