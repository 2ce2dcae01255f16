import { describe, expect, it } from '@jest/globals';
import { fullJitterDelayMs } from '../../../src/github/backoff.js';
import { sleep } from '../../../src/github/sleep.js';
import { Semaphore } from '../../../src/github/semaphore.js';

describe('fullJitterDelayMs', () => {
  const policy = { baseMs: 100, capMs: 1_000 };

  it('doubles the ceiling per attempt up to the cap', () => {
    const top = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 10].map((attempt) => fullJitterDelayMs(attempt, policy, top))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it('spreads delays over the whole range (full jitter)', () => {
    expect(fullJitterDelayMs(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelayMs(3, policy, () => 0.5)).toBe(400);
  });
});

describe('sleep and Semaphore', () => {
  it('sleep rejects with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('shutdown'));
    await expect(pending).rejects.toThrow('shutdown');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('semaphore admits at most `permits` holders and hands over in order', async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const order: string[] = [];
    const c = semaphore.acquire().then((release) => {
      order.push('c');
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    expect(semaphore.waiting).toBe(1);
    a();
    (await c)();
    b();
    expect(order).toEqual(['c']);
  });

  it('a waiting acquire can be aborted and leaves the queue', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(semaphore.waiting).toBe(0);
    held();
    const again = await semaphore.acquire();
    again();
  });
});
