import { describe, expect, it } from '@jest/globals';
import { completedBy, kaplanMeier, survivalQuantile } from '../../../src/score/stats/kaplan-meier.js';
import { fiftyPercentRule, herfindahlIndex } from '../../../src/score/stats/fifty-percent-rule.js';

const e = (time: number) => ({ time, event: true });
const c = (time: number) => ({ time, event: false });

describe('kaplanMeier', () => {
  it('without censoring gives nearest-rank quantiles', () => {
    const curve = kaplanMeier([e(4), e(1), e(3), e(2)]);
    expect(survivalQuantile(curve, 0.5)).toEqual({ value: 2, reached: true });
    expect(survivalQuantile(curve, 0.9)).toEqual({ value: 4, reached: true });
    expect(completedBy(curve, 2)).toBeCloseTo(0.5, 12);
    expect(completedBy(curve, 0.5)).toBe(0);
  });

  it('keeps censored items at risk instead of dropping them', () => {
    // Dropping the three censored items would give a median of 1; KM: F(1)=0.2, F(2)=0.4 < 0.5.
    const curve = kaplanMeier([e(1), e(2), c(10), c(10), c(10)]);
    expect(curve.steps).toEqual([
      { time: 1, completed: expect.closeTo(0.2, 12) },
      { time: 2, completed: expect.closeTo(0.4, 12) },
    ]);
    expect(survivalQuantile(curve, 0.5)).toEqual({ value: 10, reached: false });
    expect(completedBy(curve, 100)).toBeCloseTo(0.4, 12);
  });

  it('counts events before censorings at the same time', () => {
    // t=2: 3 at risk, 1 event → F = 1/3; the censored one leaves after; t=5: 1 at risk → F = 1.
    const curve = kaplanMeier([c(2), e(2), e(5)]);
    expect(completedBy(curve, 2)).toBeCloseTo(1 / 3, 12);
    expect(completedBy(curve, 5)).toBeCloseTo(1, 12);
    expect(survivalQuantile(curve, 0.5)).toEqual({ value: 5, reached: true });
  });

  it('has no quantile and no estimate without observations', () => {
    const curve = kaplanMeier([]);
    expect(survivalQuantile(curve, 0.5)).toEqual({ value: null, reached: false });
    expect(completedBy(curve, 1)).toBeNull();
  });
});

describe('fiftyPercentRule and herfindahlIndex', () => {
  it.each([
    [{ a: 5, b: 3, c: 2 }, 1, 5],
    [{ a: 4, b: 3, c: 3 }, 2, 7],
    [{ a: 1, b: 1, c: 1, d: 1 }, 2, 2],
    [{ solo: 9 }, 1, 9],
  ])('%j → %i groups covering %i', (volumes, count, covered) => {
    const result = fiftyPercentRule(new Map(Object.entries(volumes)));
    expect(result?.count).toBe(count);
    expect(result?.covered).toBe(covered);
  });

  it('has no answer for no volume', () => {
    expect(fiftyPercentRule(new Map())).toBeNull();
    expect(herfindahlIndex(new Map())).toBeNull();
  });

  it('HHI is Σ share²', () => {
    expect(
      herfindahlIndex(
        new Map([
          ['a', 1],
          ['b', 1],
        ]),
      ),
    ).toBeCloseTo(0.5, 12);
    expect(
      herfindahlIndex(
        new Map([
          ['a', 4],
          ['b', 3],
          ['c', 2],
        ]),
      ),
    ).toBeCloseTo(29 / 81, 12);
  });
});
