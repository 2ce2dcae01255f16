import { describe, expect, it } from '@jest/globals';
import { reconciliationDue, unseenIds } from '../../../src/crawl/reconcile.js';

const now = new Date('2026-11-29T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('reconciliationDue', () => {
  it.each([
    ['never crawled', undefined, 7, true],
    [
      'no watermark yet (first or empty read is a full read anyway)',
      { watermarkAt: null, reconciledAt: null },
      0,
      true,
    ],
    ['watermark, never reconciled', { watermarkAt: daysAgo(1), reconciledAt: null }, 7, true],
    ['reconciled 3 days ago, every 7', { watermarkAt: daysAgo(1), reconciledAt: daysAgo(3) }, 7, false],
    [
      'reconciled exactly 7 days ago, every 7',
      { watermarkAt: daysAgo(1), reconciledAt: daysAgo(7) },
      7,
      true,
    ],
    ['reconciled 30 days ago, every 7', { watermarkAt: daysAgo(1), reconciledAt: daysAgo(30) }, 7, true],
    ['0 = never, not even without reconciled_at', { watermarkAt: daysAgo(1), reconciledAt: null }, 0, false],
    ['0 = never, long ago', { watermarkAt: daysAgo(1), reconciledAt: daysAgo(400) }, 0, false],
  ] as const)('%s', (_label, previous, everyDays, expected) => {
    expect(reconciliationDue(previous, everyDays, now)).toBe(expected);
  });
});

describe('unseenIds', () => {
  it('gives the stored ids a complete read did not see, in stored order', () => {
    expect(unseenIds([5, 1, 9, 3], new Set([1, 3, 42]))).toEqual([5, 9]);
    expect(unseenIds([], new Set([1]))).toEqual([]);
    expect(unseenIds([1, 2], new Set())).toEqual([1, 2]);
  });
});
