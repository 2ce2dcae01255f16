import { describe, expect, it } from '@jest/globals';
import { readAhead } from '../../../src/shared/read-ahead.js';

/** A chain of pages 1..last whose fetches resolve when the test says so (or at once). */
function chain(last: number, options: { failAt?: number; manual?: boolean } = {}) {
  const asked: number[] = [];
  const release: (() => void)[] = [];
  const fetchPage = async (n: number) => {
    asked.push(n);
    if (options.manual) await new Promise<void>((r) => release.push(r));
    if (n === options.failAt) throw new Error(`page ${n} failed`);
    return { n };
  };
  const nextOf = (page: { n: number }) => (page.n < last ? page.n + 1 : undefined);
  return { asked, release, fetchPage, nextOf };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('readAhead', () => {
  it('yields every page in chain order with the cursor that follows it', async () => {
    const c = chain(5);
    const seen: [number, number | undefined][] = [];
    for await (const { page, next } of readAhead(1, c.fetchPage, c.nextOf, 2)) seen.push([page.n, next]);
    expect(seen).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, undefined],
    ]);
    expect(c.asked).toEqual([1, 2, 3, 4, 5]);
  });

  it('fetches while the consumer is busy, never more than `ahead` pages beyond it', async () => {
    const c = chain(20);
    const pages = readAhead(1, c.fetchPage, c.nextOf, 3);
    const first = await pages.next();
    expect(first.value?.page.n).toBe(1);
    // The consumer holds page 1 and does nothing: the walk goes on by itself, up to 3 pages ahead.
    for (let i = 0; i < 20; i++) await tick();
    expect(c.asked).toEqual([1, 2, 3, 4]);
    await pages.next();
    for (let i = 0; i < 20; i++) await tick();
    expect(c.asked).toEqual([1, 2, 3, 4, 5]);
    await pages.return?.();
  });

  it('throws a failed fetch after the pages before it, and asks nothing after it', async () => {
    const c = chain(10, { failAt: 4 });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const { page } of readAhead(1, c.fetchPage, c.nextOf, 5)) seen.push(page.n);
      })(),
    ).rejects.toThrow('page 4 failed');
    expect(seen).toEqual([1, 2, 3]);
    expect(c.asked).toEqual([1, 2, 3, 4]);
  });

  it('stops walking when the consumer stops early', async () => {
    const c = chain(100, { manual: true });
    const pages = readAhead(1, c.fetchPage, c.nextOf, 4);
    const first = pages.next();
    await tick();
    c.release.shift()?.();
    expect((await first).value?.page.n).toBe(1);
    await pages.return?.();
    // page 2 was in flight when the consumer left; it may end, but nothing is asked after it
    c.release.shift()?.();
    for (let i = 0; i < 20; i++) await tick();
    expect(c.asked).toEqual([1, 2]);
  });

  it('starts walking at once, and return() before any next() stops it', async () => {
    const c = chain(100);
    const pages = readAhead(1, c.fetchPage, c.nextOf, 2);
    for (let i = 0; i < 20; i++) await tick();
    expect(c.asked).toEqual([1, 2]);
    await pages.return?.();
    for (let i = 0; i < 20; i++) await tick();
    expect(c.asked).toEqual([1, 2]);
    expect((await pages.next()).done).toBe(true);
  });

  it('stops where nextOf says, even on a long chain', async () => {
    const c = chain(100);
    const seen: number[] = [];
    const stopAtThree = (page: { n: number }) => (page.n < 3 ? page.n + 1 : undefined);
    for await (const { page } of readAhead(1, c.fetchPage, stopAtThree, 10)) seen.push(page.n);
    expect(seen).toEqual([1, 2, 3]);
    expect(c.asked).toEqual([1, 2, 3]);
  });
});
