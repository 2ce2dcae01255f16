import { describe, expect, it } from '@jest/globals';
import { ms } from '../../../../src/sim/rest/query-params.js';

// List endpoints sort by `ms` of world instants; it must agree with Date.parse on every input.
describe('ms', () => {
  it('agrees with Date.parse on canonical, odd and invalid instants', () => {
    const inputs = [
      '2024-06-27T05:04:09Z',
      '1970-01-01T00:00:00Z',
      '2024-02-28T23:59:59Z',
      '2024-02-29T12:00:00Z',
      '2023-02-30T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-00-10T00:00:00Z',
      '2024-13-10T00:00:00Z',
      '2024-01-00T00:00:00Z',
      '2024-01-10T24:00:00Z',
      '2024-01-10T23:60:00Z',
      '0050-01-01T00:00:00Z',
      '2024-06-27T05:04:09.5Z',
      '2024-06-27T07:04:09+02:00',
      '2024-06-27 05:04:09Z',
      '2024-06-2aT05:04:09Z',
      'not a date at all!!!',
    ];
    for (const iso of inputs) expect([iso, ms(iso)]).toEqual([iso, Date.parse(iso)]);
    // A sweep over generated canonical instants, every hour for three years.
    for (let t = Date.UTC(2022, 0, 1); t < Date.UTC(2025, 0, 1); t += 3_600_000 + 61_000) {
      const iso = new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
      expect(ms(iso)).toBe(t - (t % 1000));
    }
    expect(ms(null)).toBe(0);
  });
});
