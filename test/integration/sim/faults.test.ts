import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { fakeToken, simGet } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

// Many sequential HTTP requests: allow for a busy machine (the default is 5 s).
jest.setTimeout(30_000);

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ world: tinyWorld() });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.configure({ faults: { seed: 7, error5xxRate: 0, dropRate: 0, latencyMs: 0, latencyJitterMs: 0 } });
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
});

async function statusesOf(count: number, token: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await simGet(sim.url, '/users/alice', { token })).status);
  return statuses;
}

describe('injected faults', () => {
  it('answers 5xx at about the configured rate, deterministically for a seed, without charging them', async () => {
    sim.configure({ faults: { error5xxRate: 0.3 } });
    const token = fakeToken();
    const first = await statusesOf(100, token);
    const errors = first.filter((s) => s >= 500);
    expect(errors.length).toBeGreaterThan(15);
    expect(errors.length).toBeLessThan(45);
    expect(new Set(errors)).toEqual(new Set([500, 502, 503]));
    const successes = first.filter((s) => s === 200).length;
    expect(sim.stats().budgetSpent.core).toBe(successes);

    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
    expect(await statusesOf(100, token)).toEqual(first);
  });

  it('gives GitHub-like bodies: JSON for 500/503, HTML for 502', async () => {
    sim.configure({ faults: { error5xxRate: 1 } });
    const seen = new Map<number, string>();
    for (let i = 0; i < 30 && seen.size < 3; i++) {
      const answer = await simGet(sim.url, '/users/alice', { token: fakeToken() });
      seen.set(answer.status, answer.headers.get('content-type') ?? '');
      if (answer.status === 500) expect(answer.json()).toEqual({ message: 'Server Error' });
    }
    expect(seen.get(500)).toMatch(/application\/json/);
    expect(seen.get(503)).toMatch(/application\/json/);
    expect(seen.get(502)).toMatch(/text\/html/);
  });

  it('drops connections without a response', async () => {
    sim.configure({ faults: { dropRate: 1 } });
    await expect(simGet(sim.url, '/users/alice', { token: fakeToken() })).rejects.toThrow(/fetch failed/);
    // fetch (undici) may retry an idempotent GET once on a fresh connection: 1 or 2 drops.
    expect(sim.stats().byStatus['dropped']).toBeGreaterThanOrEqual(1);
    expect(sim.stats().budgetSpent.core).toBe(0);
  });

  it('adds latency with jitter', async () => {
    sim.configure({ faults: { latencyMs: 150, latencyJitterMs: 50 } });
    const started = Date.now();
    await simGet(sim.url, '/users/alice', { token: fakeToken() });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1000);
  });

  it('never faults the control endpoints', async () => {
    sim.configure({ faults: { dropRate: 1 } });
    const stats = await fetch(`${sim.url}/_sim/stats`);
    expect(stats.status).toBe(200);
  });
});
