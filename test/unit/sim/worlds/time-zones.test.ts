import { describe, expect, it } from '@jest/globals';
import { formatInZone, formatUtc, ZONES } from '../../../../src/sim/worlds/time-zones.js';

describe('time zones', () => {
  it.each([
    [ZONES.newYork, '2025-03-09T06:59:59Z', '2025-03-09T01:59:59-05:00'],
    [ZONES.newYork, '2025-03-09T07:00:00Z', '2025-03-09T03:00:00-04:00'],
    [ZONES.newYork, '2025-11-02T05:59:59Z', '2025-11-02T01:59:59-04:00'],
    [ZONES.newYork, '2025-11-02T06:00:00Z', '2025-11-02T01:00:00-05:00'],
    [ZONES.berlin, '2025-03-30T00:59:59Z', '2025-03-30T01:59:59+01:00'],
    [ZONES.berlin, '2025-03-30T01:00:00Z', '2025-03-30T03:00:00+02:00'],
    [ZONES.london, '2025-10-26T01:00:00Z', '2025-10-26T01:00:00+00:00'],
    [ZONES.sydney, '2025-04-05T16:00:00Z', '2025-04-06T02:00:00+10:00'],
    [ZONES.sydney, '2025-12-31T23:00:00Z', '2026-01-01T10:00:00+11:00'],
    [ZONES.kathmandu, '2025-01-01T00:00:00Z', '2025-01-01T05:45:00+05:45'],
    [ZONES.shanghai, '2024-06-27T05:04:09Z', '2024-06-27T13:04:09+08:00'],
  ])('%o at %s is %s', (zone, utc, expected) => {
    expect(formatInZone(zone, Date.parse(utc))).toBe(expected);
    expect(Date.parse(expected)).toBe(Date.parse(utc));
  });

  it('writes UTC timestamps without milliseconds, as GitHub does', () => {
    expect(formatUtc(Date.parse('2026-10-31T23:59:59.999Z'))).toBe('2026-10-31T23:59:59Z');
  });
});
