import { describe, expect, it } from '@jest/globals';
import {
  reconciliationDue,
  unseenItems,
  verifyCandidates,
  wholeListReconciliationDue,
  type StoredItem,
} from '../../../src/crawl/reconcile.js';

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

describe('wholeListReconciliationDue', () => {
  it.each([
    ['never read', undefined, 7, true],
    ['never reconciled (no watermark needed)', { reconciledAt: null }, 7, true],
    ['reconciled 3 days ago, every 7', { reconciledAt: daysAgo(3) }, 7, false],
    ['reconciled exactly 7 days ago, every 7', { reconciledAt: daysAgo(7) }, 7, true],
    ['0 = never', { reconciledAt: null }, 0, false],
  ] as const)('%s', (_label, previous, everyDays, expected) => {
    expect(wholeListReconciliationDue(previous, everyDays, now)).toBe(expected);
  });
});

const item = (githubId: number): StoredItem => ({ githubId, params: { comment_id: githubId } });

describe('unseenItems', () => {
  it('gives the stored rows a complete read did not see, in stored order', () => {
    expect(unseenItems([5, 1, 9, 3].map(item), new Set([1, 3, 42]))).toEqual([item(5), item(9)]);
    expect(unseenItems([], new Set([1]))).toEqual([]);
    expect(unseenItems([1, 2].map(item), new Set())).toEqual([item(1), item(2)]);
  });
});

describe('verifyCandidates', () => {
  it('sorts candidates into gone, live and failed, and asks for no more than the limit', async () => {
    const asked: number[] = [];
    const failures: number[] = [];
    const result = await verifyCandidates(
      [1, 2, 3, 4, 5, 6].map(item),
      4,
      async ({ githubId }) => {
        asked.push(githubId);
        if (githubId === 3) throw new Error('500 after retries');
        return githubId % 2 === 0;
      },
      ({ githubId }) => failures.push(githubId),
    );
    expect(asked).toEqual([1, 2, 3, 4]);
    expect(result).toEqual({ gone: [1], live: [2, 4], failed: [3], deferred: 2 });
    expect(failures).toEqual([3]);
  });

  it('asks for nothing with a limit of 0 (every candidate kept)', async () => {
    const result = await verifyCandidates(
      [item(1)],
      0,
      () => Promise.reject(new Error('not asked')),
      () => undefined,
    );
    expect(result).toEqual({ gone: [], live: [], failed: [], deferred: 1 });
  });
});
