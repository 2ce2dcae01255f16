import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { dumpCrawledData } from '../crawl/crawl-fixture.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';
import { startOwnRedis, type OwnRedis } from './own-redis.js';
import { referenceDump } from './reference-crawl.js';
import { startWorkerProcess, stopWorkerProcess, type WorkerProcess } from './worker-process.js';

jest.setTimeout(110_000);

describe('Redis restarts in the middle of a crawl', () => {
  let world: World;
  let redis: OwnRedis;
  let fx: JobsFixture;
  let reference: Record<string, unknown[]>;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    world = generateWorld({
      seed: 41,
      repos: 3,
      commitsPerRepo: 250,
      issuesPerRepo: 60,
      commentsPerIssue: 2,
      users: 40,
    });
    redis = await startOwnRedis();
    fx = await startJobsFixture(world, {
      credentials: 2,
      redisUrl: redis.url,
      sim: { faults: { latencyMs: 25 } },
    });
    reference = await referenceDump(world, fx.sim.url);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorkerProcess(w, 5_000)));
    await fx?.close();
    await redis?.stop();
  });

  it('the crawl completes by itself once Redis is back, with the same data', async () => {
    workers = [startWorkerProcess(fx.env), startWorkerProcess(fx.env)];
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    let finishedAt = 0;
    // Enqueue first: a restart during enqueueing fails the enqueueing command (the operator re-runs
    // it; job ids make that a no-op), which is not what this test is about.
    const jobIds = await fx.enqueue(ids);
    const crawl = fx.follow(jobIds, { timeoutMs: 90_000 }).finally(() => (finishedAt = Date.now()));
    // Restart once the workers are well into the crawl (a few dozen requests in).
    for (let i = 0; i < 600 && fx.sim.stats().requests < 25; i++) await new Promise((r) => setTimeout(r, 50));
    const doneBefore = fx.sim.stats().requests;
    const restartedAt = Date.now();
    const finishedBeforeRestart = finishedAt !== 0;
    await redis.restart(3_000);
    const results = await crawl;
    // The restart really was in the middle: the crawl had not finished when it began.
    expect(finishedBeforeRestart).toBe(false);
    expect(finishedAt).toBeGreaterThan(restartedAt);
    expect(doneBefore).toBeGreaterThan(0);
    expect(results.map((r) => r.state)).toEqual(['ok', 'ok', 'ok']);
    expect(await dumpCrawledData(fx.db)).toEqual(reference);
    expect(fx.sim.stats().violations.count).toBe(0);
    // The workers lived through it (they reconnect; nobody restarted them).
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
  });
});
