import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { labelledRows, measureGeo } from '../../../bench/geo-measure.js';

// The labelled set lives beside the checkout (../shared/data/geo); it is personal data and never
// committed here. Without it these checks skip. Thresholds sit a little below the measured figures
// (docs/geo.md) so that they catch regressions.
const CSV = fileURLToPath(new URL('../../../../shared/data/geo/geo-labelled-dev.csv', import.meta.url));
const maybe = existsSync(CSV) ? describe : describe.skip;

maybe('location classifier on geo-labelled-dev.csv (regression floor)', () => {
  const figures = measureGeo(labelledRows(existsSync(CSV) ? readFileSync(CSV, 'utf8') : ''), {
    maskLocation: false,
  });

  it('is accurate where it decides and rarely abstains', () => {
    expect(figures.rows).toBeGreaterThan(10_000);
    expect(figures.accuracyOnDecided).toBeGreaterThanOrEqual(0.995);
    expect(figures.abstained).toBeLessThanOrEqual(0.01);
  });

  it('keeps mainland China precise and complete, and apart from HK, MO and TW', () => {
    expect(figures.cn.precision).toBeGreaterThanOrEqual(0.995);
    expect(figures.cn.recall).toBeGreaterThanOrEqual(0.99);
    for (const [a, b] of [
      ['CN', 'HK'],
      ['CN', 'MO'],
      ['CN', 'TW'],
      ['HK', 'CN'],
      ['MO', 'CN'],
      ['TW', 'CN'],
    ])
      expect(figures.confusion[a!]?.[b!] ?? 0).toBe(0);
  });
});
