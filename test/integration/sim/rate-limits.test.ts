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
  sim.configure({
    rateLimit: { core: 5000, graphql: 5000, windowSeconds: 3600, unauthenticated: 60 },
    secondary: {
      maxConcurrent: 100,
      restPointsPerMinute: 900,
      graphqlPointsPerMinute: 2000,
      retryAfterSeconds: 60,
    },
    faults: { latencyMs: 0 },
  });
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('primary rate limit', () => {
  it('sends every x-ratelimit header, refuses with 403 when exhausted and resets after the window', async () => {
    sim.configure({ rateLimit: { core: 3, windowSeconds: 2 } });
    const token = fakeToken();
    const before = Math.floor(Date.now() / 1000);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await simGet(sim.url, '/repos/acme/widgets', { token }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 403]);
    const first = answers[0]!.headers;
    expect(first.get('x-ratelimit-limit')).toBe('3');
    expect(first.get('x-ratelimit-remaining')).toBe('2');
    expect(first.get('x-ratelimit-used')).toBe('1');
    expect(first.get('x-ratelimit-resource')).toBe('core');
    const reset = Number(first.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(before + 1);
    expect(reset).toBeLessThanOrEqual(before + 5);
    const refused = answers[3]!;
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((refused.json() as { message: string }).message).toMatch(
      /^API rate limit exceeded for user ID \d+\./,
    );
    expect(sim.stats().violations.count).toBe(1);
    expect(sim.stats().violations.samples[0]).toMatchObject({
      kind: 'primary',
      endpoint: 'GET /repos/{owner}/{repo}',
    });

    await sleep(2100);
    const afterReset = await simGet(sim.url, '/repos/acme/widgets', { token });
    expect(afterReset.status).toBe(200);
    expect(afterReset.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('keeps separate budgets per token and a small one per IP for anonymous callers', async () => {
    sim.configure({ rateLimit: { core: 2, unauthenticated: 1 } });
    const a = fakeToken('a');
    const b = fakeToken('b');
    await simGet(sim.url, '/users/alice', { token: a });
    await simGet(sim.url, '/users/alice', { token: a });
    expect((await simGet(sim.url, '/users/alice', { token: a })).status).toBe(403);
    expect((await simGet(sim.url, '/users/alice', { token: b })).status).toBe(200);
    expect((await simGet(sim.url, '/users/alice')).status).toBe(200);
    const anonymous = await simGet(sim.url, '/users/alice');
    expect(anonymous.status).toBe(403);
    expect((anonymous.json() as { message: string }).message).toContain(
      'Authenticated requests get a higher rate limit',
    );
  });

  it('GET /rate_limit is free and reports each resource', async () => {
    const token = fakeToken();
    await simGet(sim.url, '/repos/acme/widgets', { token });
    const first = await simGet(sim.url, '/rate_limit', { token });
    const second = await simGet(sim.url, '/rate_limit', { token });
    const body = second.json() as { resources: Record<string, { used: number; limit: number }> };
    expect(body.resources['core']).toMatchObject({ used: 1, limit: 5000 });
    expect(body.resources['graphql']).toMatchObject({ used: 0 });
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    expect(sim.stats().budgetSpent.core).toBe(1);
  });

  it('answers 401 Bad credentials for rejected tokens, without charging', async () => {
    const revoked = fakeToken('revoked');
    sim.configure({ rejectTokens: [revoked] });
    const answer = await simGet(sim.url, '/repos/acme/widgets', { token: revoked });
    expect(answer.status).toBe(401);
    expect((answer.json() as { message: string }).message).toBe('Bad credentials');
    const viaBearer = await fetch(`${sim.url}/repos/acme/widgets`, {
      headers: { authorization: `Bearer ${revoked}` },
    });
    expect(viaBearer.status).toBe(401);
    expect(sim.stats().budgetSpent.core).toBe(0);
    sim.configure({ rejectTokens: [] });
  });
});

describe('secondary rate limits', () => {
  it('refuses over the points-per-minute limit with retry-after, and counts requests inside it as violations', async () => {
    sim.configure({ secondary: { restPointsPerMinute: 3, retryAfterSeconds: 1 } });
    const token = fakeToken();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await simGet(sim.url, '/users/bob', { token })).status);
    expect(statuses).toEqual([200, 200, 200, 403]);
    const inFlightGrace = await simGet(sim.url, '/users/bob', { token });
    expect(inFlightGrace.status).toBe(403);
    expect(sim.stats().violations.count).toBe(0);
    await sleep(300);
    const blocked = await simGet(sim.url, '/users/bob', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('retry-after')).toBe('1');
    expect((blocked.json() as { message: string }).message).toMatch(/secondary rate limit/);
    const stats = sim.stats();
    expect(stats.violations.count).toBe(1);
    expect(stats.violations.samples[0]).toMatchObject({ kind: 'secondary' });
    expect(stats.budgetSpent.core).toBe(3);
  });

  it('refuses concurrent requests beyond maxConcurrent', async () => {
    sim.configure({ secondary: { maxConcurrent: 2, retryAfterSeconds: 1 }, faults: { latencyMs: 300 } });
    const token = fakeToken();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => simGet(sim.url, '/repos/acme/widgets', { token })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 403, 403]);
    const refused = answers.find((a) => a.status === 403)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    // All four were sent together: none of them could have seen the 403 first.
    expect(sim.stats().violations.count).toBe(0);
    await sleep(1100);
    expect((await simGet(sim.url, '/repos/acme/widgets', { token })).status).toBe(200);
  });
});

describe('octokit’s throttling plugin recognises the simulator’s limits', () => {
  it('calls onRateLimit for an exhausted primary budget and onSecondaryRateLimit for a secondary block', async () => {
    const { Octokit } = await import('@octokit/rest');
    const { throttling } = await import('@octokit/plugin-throttling');
    const Throttled = Octokit.plugin(throttling);
    const seen: string[] = [];
    const octokit = new Throttled({
      auth: fakeToken(),
      baseUrl: sim.url,
      throttle: {
        onRateLimit: () => {
          seen.push('primary');
          return false;
        },
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(`secondary:${retryAfter}`);
          return false;
        },
      },
    });
    sim.configure({ rateLimit: { core: 1 } });
    await octokit.rest.users.getByUsername({ username: 'alice' });
    await expect(octokit.rest.users.getByUsername({ username: 'alice' })).rejects.toMatchObject({
      status: 403,
    });
    sim.configure({ rateLimit: { core: 5000 }, secondary: { restPointsPerMinute: 1, retryAfterSeconds: 7 } });
    const other = new Throttled({
      auth: fakeToken(),
      baseUrl: sim.url,
      throttle: {
        onRateLimit: () => false,
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(`secondary:${retryAfter}`);
          return false;
        },
      },
    });
    await other.rest.users.getByUsername({ username: 'alice' });
    await expect(other.rest.users.getByUsername({ username: 'alice' })).rejects.toMatchObject({
      status: 403,
    });
    expect(seen).toEqual(['primary', 'secondary:7']);
  });
});
