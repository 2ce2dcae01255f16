import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createGitHubClient, RedisBudgetLedger, type GitHubClient } from '../../../src/github/index.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { startSimulator } from '../../../src/sim/index.js';
import { fakeToken } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';
import { FAST } from './client-kit.js';

const REDIS_URL = process.env['VITALS_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `vitals_t_${randomBytes(6).toString('hex')}`;
let redis: Redis;

beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const T0 = 1_700_000_000_000;

describe('RedisBudgetLedger', () => {
  it('applies the same arithmetic as the in-memory ledger, stored under its prefix', async () => {
    const ledger = new RedisBudgetLedger({ redis, prefix: `${prefix}-unit`, now: () => T0 });
    const base = {
      resource: 'core',
      cost: 1,
      api: 'rest' as const,
      reserveFloor: 0,
      nowMs: T0,
      resetMarginMs: 100,
      reservationTtlMs: 60_000,
      pollMs: 10,
    };
    expect(await ledger.tryReserve('fp1', { ...base, id: 'a' })).toEqual({ granted: true });
    expect(await ledger.tryReserve('fp1', { ...base, id: 'b' })).toMatchObject({
      granted: false,
      reason: 'probing',
    });
    await ledger.settle('fp1', 'a', {
      status: 200,
      resource: 'core',
      limit: 10,
      remaining: 1,
      resetAtMs: T0 + 5_000,
    });
    expect(await ledger.tryReserve('fp1', { ...base, id: 'c' })).toEqual({ granted: true });
    expect(await ledger.tryReserve('fp1', { ...base, id: 'd' })).toEqual({
      granted: false,
      reason: 'exhausted',
      retryAtMs: T0 + 10,
    });
    await ledger.block('fp2', T0 + 1_000);
    const snapshot = await ledger.snapshot();
    expect(snapshot.map((s) => s.fingerprint)).toEqual(['fp1', 'fp2']);
    expect(snapshot[0]?.resources[0]).toMatchObject({
      resource: 'core',
      limit: 10,
      remaining: 1,
      inFlight: 1,
    });
    expect(snapshot[1]?.blockedUntil).toBe(new Date(T0 + 1_000).toISOString());
    expect(await redis.exists(`${prefix}-unit:github-budget:fp1`)).toBe(1);
    await ledger.close();
  });

  it('two processes sharing one credential through Redis never overdraw a tiny budget', async () => {
    const sim = await startSimulator({
      world: tinyWorld(),
      config: { rateLimit: { core: 15, windowSeconds: 3 } },
    });
    const token = fakeToken('shared');
    const ledgers = [0, 1].map(() => new RedisBudgetLedger({ redis, prefix: `${prefix}-shared` }));
    const clients: GitHubClient[] = ledgers.map((ledger) =>
      createGitHubClient({
        config: { github: { apiUrl: sim.url, graphqlUrl: `${sim.url}/graphql`, tokens: [token] } },
        logger: silentLogger,
        ledger,
        options: FAST,
      }),
    );
    try {
      const credential = clients[0]?.pickCredential('acme/widgets') as string;
      const started = Date.now();
      const results = await Promise.all(
        clients.flatMap((client) =>
          Array.from({ length: 20 }, () =>
            client.rest('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'widgets' }, { credential }),
          ),
        ),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      const stats = sim.stats();
      expect(stats.violations.count).toBe(0);
      expect(stats.requests).toBe(40);
      // 40 requests at 15 per 3 s window: two resets at least, shared by both "processes"
      expect(Date.now() - started).toBeGreaterThanOrEqual(6_000);
    } finally {
      for (const ledger of ledgers) await ledger.close();
      await sim.close();
    }
  }, 30_000);
});
