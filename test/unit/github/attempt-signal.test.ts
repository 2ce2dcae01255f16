import { describe, expect, it } from '@jest/globals';
import { AttemptSignal } from '../../../src/github/attempt-signal.js';

describe('AttemptSignal', () => {
  it("aborts with a parent's reason", () => {
    const shutdown = new AbortController();
    const caller = new AbortController();
    const attempt = new AttemptSignal([shutdown.signal, caller.signal]);
    caller.abort(new Error('caller gave up'));
    expect(attempt.signal.aborted).toBe(true);
    expect((attempt.signal.reason as Error).message).toBe('caller gave up');
    attempt.dispose();
  });

  it('starts aborted when a parent already is', () => {
    const shutdown = new AbortController();
    shutdown.abort('stopping');
    expect(new AttemptSignal([shutdown.signal]).signal.reason).toBe('stopping');
  });

  it('times out with a TimeoutError only once the timeout is started', async () => {
    const attempt = new AttemptSignal([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(attempt.signal.aborted).toBe(false);
    attempt.startTimeout(20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(attempt.signal.aborted).toBe(true);
    expect((attempt.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('once disposed, neither parents nor the timeout abort it', async () => {
    const shutdown = new AbortController();
    const attempt = new AttemptSignal([shutdown.signal]);
    attempt.startTimeout(10);
    attempt.dispose();
    shutdown.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(attempt.signal.aborted).toBe(false);
  });
});
