import { describe, expect, it } from '@jest/globals';
import { aggregateGeography, type WeightedRegion } from '../../../src/geo/aggregate-geography.js';

const items: WeightedRegion[] = [
  { region: 'OTHER', weight: 50 },
  { region: 'CN', weight: 20 },
  { region: 'HK', weight: 5 },
  { region: 'MO', weight: 1 },
  { region: 'TW', weight: 4 },
  { region: 'UNKNOWN', weight: 20 },
];

describe('aggregateGeography (design §3: share, coverage, bounds)', () => {
  it('mainland: HK, MO and TW count as outside mainland China', () => {
    expect(aggregateGeography(items, 'mainland')).toEqual({
      outsideChina: 60,
      china: 20,
      unknown: 20,
      share: 60 / 80,
      coverage: 80 / 100,
      lower: 60 / 100,
      upper: 80 / 100,
    });
  });

  it('greater-china-hkmo folds HK and MO into China', () => {
    expect(aggregateGeography(items, 'greater-china-hkmo')).toMatchObject({
      outsideChina: 54,
      china: 26,
      unknown: 20,
    });
  });

  it('greater-china folds HK, MO and TW into China', () => {
    const result = aggregateGeography(items, 'greater-china');
    expect(result).toMatchObject({
      outsideChina: 50,
      china: 30,
      unknown: 20,
      share: 50 / 80,
      lower: 0.5,
      upper: 0.7,
    });
  });

  it('also accepts regions already folded by a greater-China mode', () => {
    const folded: WeightedRegion[] = [
      { region: 'CN', weight: 3 },
      { region: 'OTHER', weight: 1 },
    ];
    expect(aggregateGeography(folded, 'greater-china').share).toBe(0.25);
  });

  it('the truth lies within [lower, upper] whatever the unknowns are', () => {
    const result = aggregateGeography(items, 'mainland');
    for (const unknownOutside of [0, 5, 20]) {
      const truth = (result.outsideChina + unknownOutside) / 100;
      expect(truth).toBeGreaterThanOrEqual(result.lower!);
      expect(truth).toBeLessThanOrEqual(result.upper!);
    }
  });

  it('ratios are null rather than NaN when nothing is known or nothing at all', () => {
    expect(aggregateGeography([], 'mainland')).toEqual({
      outsideChina: 0,
      china: 0,
      unknown: 0,
      share: null,
      coverage: null,
      lower: null,
      upper: null,
    });
    expect(aggregateGeography([{ region: 'UNKNOWN', weight: 3 }], 'mainland')).toMatchObject({
      share: null,
      coverage: 0,
      lower: 0,
      upper: 1,
    });
  });

  it('counts contributors with weight 1 and ignores negative or non-finite weights', () => {
    const result = aggregateGeography(
      [
        { region: 'CN', weight: 1 },
        { region: 'OTHER', weight: 1 },
        { region: 'OTHER', weight: -5 },
        { region: 'OTHER', weight: Number.NaN },
        { region: 'OTHER', weight: Infinity },
      ],
      'mainland',
    );
    expect(result).toMatchObject({ outsideChina: 1, china: 1, share: 0.5 });
  });
});
