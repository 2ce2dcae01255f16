import { describe, expect, it } from '@jest/globals';
import {
  addUtcMonths,
  utcMonthEnd,
  utcMonthEndsBetween,
  utcMonthKey,
} from '../../../src/score/utc-calendar.js';

const t = (iso: string) => Date.parse(iso);

describe('UTC calendar', () => {
  it.each([
    ['2024-01-31T23:30:00-02:00', '2024-02'], // late evening in Brazil is already February in UTC
    ['2024-06-01T00:30:00+08:00', '2024-05'], // just after midnight in Beijing is still May in UTC
    ['2024-12-31T23:59:59.999Z', '2024-12'],
    ['2025-01-01T00:00:00Z', '2025-01'],
  ])('%s falls in UTC month %s', (iso, month) => {
    expect(utcMonthKey(t(iso))).toBe(month);
  });

  it('month ends are the last millisecond of the UTC month', () => {
    expect(new Date(utcMonthEnd(t('2024-02-10T08:00:00Z'))).toISOString()).toBe('2024-02-29T23:59:59.999Z');
    expect(new Date(utcMonthEnd(t('2023-02-28T23:59:59.999Z'))).toISOString()).toBe(
      '2023-02-28T23:59:59.999Z',
    );
  });

  it('lists the month ends for snapshots up to the last complete month', () => {
    const ends = utcMonthEndsBetween(t('2024-01-15T00:00:00Z'), t('2024-04-30T12:00:00Z'));
    expect(ends.map((e) => new Date(e).toISOString())).toEqual([
      '2024-01-31T23:59:59.999Z',
      '2024-02-29T23:59:59.999Z',
      '2024-03-31T23:59:59.999Z',
    ]);
  });

  it.each([
    ['2024-05-31T10:00:00Z', -3, '2024-02-29T10:00:00.000Z'],
    ['2023-03-31T23:59:59.999Z', -1, '2023-02-28T23:59:59.999Z'],
    ['2024-06-30T12:00:00Z', -12, '2023-06-30T12:00:00.000Z'],
    ['2024-11-15T00:00:00Z', 3, '2025-02-15T00:00:00.000Z'],
  ])('%s moved by %i months is %s', (iso, months, expected) => {
    expect(new Date(addUtcMonths(t(iso), months)).toISOString()).toBe(expected);
  });
});
