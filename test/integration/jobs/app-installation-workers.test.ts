import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { loadConfig, type Config } from '../../../config/load-config.js';
import { installationFingerprint } from '../../../src/github/credential.js';
import { RedisBudgetLedger } from '../../../src/github/redis-budget-ledger.js';
import { enqueueCrawls } from '../../../src/jobs/crawl-flow.js';
import { windowOf } from '../../../src/jobs/crawl-payloads.js';
import { announcedCredentials, routingFingerprints } from '../../../src/jobs/credential-routing.js';
import { crawlStageQueue } from '../../../src/jobs/queue-names.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { World } from '../../../src/sim/world.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import { countRowsForRepository } from '../../../src/store/counts.store.js';
import { findRepositoryByFullName } from '../../../src/store/repository.store.js';
import { startWorkers, type RunningWorkers } from '../../../workers/start-workers.js';
import { generateAppKeys, type AppKeys } from '../../support/github-app.js';
import { worldCounts } from '../crawl/crawl-fixture.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';

jest.setTimeout(120_000);

const APP_ID = 6_021;
const INSTALLATIONS = [31_001, 31_002];
const FAST_CLIENT = { backoff: { baseMs: 20, capMs: 300 }, maxAttempts: 8, requestTimeoutMs: 10_000 };

/**
 * Two "machines" (worker sets with configs loaded separately) serving the same GitHub App's two
 * installations; the crawl is enqueued by a process with no credentials of its own (an API server),
 * which routes by what the workers announced in Redis.
 */
describe('GitHub App installations on BullMQ workers', () => {
  let world: World;
  let keys: AppKeys;
  let fx: JobsFixture;
  const machines: RunningWorkers[] = [];

  const workerConfig = (): Config =>
    loadConfig({
      env: {
        ...fx.env,
        GITHUB_APP_ID: String(APP_ID),
        GITHUB_APP_PRIVATE_KEY: keys.privateKeyPem,
        GITHUB_APP_INSTALLATION_IDS: INSTALLATIONS.join(','),
      },
    });

  beforeAll(async () => {
    world = generateWorld({ seed: 5, repos: 4, commitsPerRepo: 90, issuesPerRepo: 30, users: 30 });
    keys = generateAppKeys();
    fx = await startJobsFixture(world, {
      credentials: 0,
      sim: {
        apps: [{ id: APP_ID, publicKeyPem: keys.publicKeyPem, installations: INSTALLATIONS }],
      },
    });
    for (let i = 0; i < 2; i++)
      machines.push(
        await startWorkers({
          config: workerConfig(),
          logger: silentLogger,
          roles: ['crawl'],
          concurrency: 2,
          watchdogIntervalMs: 60_000,
          clientOptions: FAST_CLIENT,
        }),
      );
  });
  afterAll(async () => {
    for (const workers of machines) await workers.close();
    await fx?.close();
  });

  it('every machine serves the same installation queues, and a credential-less producer routes to them', async () => {
    const expected = INSTALLATIONS.map((id) => installationFingerprint(APP_ID, id));
    for (const workers of machines) {
      expect(workers.fingerprints).toEqual(expected);
      expect(workers.queues).toEqual(expect.arrayContaining(expected.map(crawlStageQueue)));
    }
    expect(fx.config.github.tokens).toEqual([]);
    expect(fx.config.github.app).toBeUndefined();
    expect(await announcedCredentials(fx.redis, fx.prefix)).toEqual([...expected].sort());
    const routing = await routingFingerprints(fx.redis, fx.prefix, fx.config);

    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    const enqueued = await enqueueCrawls(fx.db, fx.queues, ids, windowOf(new Date()), routing);
    const results = await fx.follow(enqueued.map((e) => e.jobId));
    expect(results.map((r) => r.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const pinned = new Set<string | null>();
    for (const repo of world.repos) {
      const stored = await findRepositoryByFullName(fx.db, `${repo.owner}/${repo.name}`);
      expect(await countRowsForRepository(fx.db, stored!.id)).toEqual(worldCounts(world, repo));
      pinned.add(stored!.credentialFingerprint);
    }
    expect([...pinned].every((f) => f !== null && expected.includes(f))).toBe(true);

    // One shared ledger in Redis, keyed by the installations' stable fingerprints (never a token's).
    const ledger = new RedisBudgetLedger({ redis: fx.redis, prefix: fx.prefix });
    const snapshot = await ledger.snapshot().finally(() => ledger.close());
    expect(snapshot.length).toBeGreaterThan(0);
    expect(snapshot.every((c) => expected.includes(c.fingerprint))).toBe(true);
    expect(fx.sim.stats().installationTokensIssued).toBeGreaterThanOrEqual(2);
    expect(fx.sim.stats().violations.count).toBe(0);
  });
});
