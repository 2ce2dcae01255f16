import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { enqueueCrawls } from '../../../src/jobs/crawl-flow.js';
import { windowOf } from '../../../src/jobs/crawl-payloads.js';
import { configuredFingerprints } from '../../../src/jobs/credential-routing.js';
import { followCrawlFlows } from '../../../src/jobs/follow-crawl.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { dumpCrawledData } from '../crawl/crawl-fixture.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';
import { ownPostgresAvailable, startOwnPostgres, type OwnPostgres } from './own-postgres.js';
import { referenceDump } from './reference-crawl.js';
import { startWorkerProcess, stopWorkerProcess, type WorkerProcess } from './worker-process.js';

jest.setTimeout(110_000);

// Needs PostgreSQL 15's binaries (and, as root, the `postgres` user): skipped where they are missing.
const describeIfPostgres = ownPostgresAvailable() ? describe : describe.skip;

describeIfPostgres('PostgreSQL restarts in the middle of a crawl', () => {
  let world: World;
  let postgres: OwnPostgres;
  let fx: JobsFixture;
  let reference: Record<string, unknown[]>;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    world = generateWorld({
      seed: 81,
      repos: 3,
      commitsPerRepo: 250,
      issuesPerRepo: 60,
      commentsPerIssue: 2,
      users: 40,
    });
    postgres = await startOwnPostgres(20_000 + Math.floor(Math.random() * 20_000));
    fx = await startJobsFixture(world, {
      credentials: 2,
      postgres: postgres.database,
      sim: { faults: { latencyMs: 60 } },
    });
    reference = await referenceDump(world, fx.sim.url);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorkerProcess(w, 5_000)));
    await fx?.close();
    await postgres?.stop();
  });

  it('the crawl completes by itself once PostgreSQL is back, with the same data', async () => {
    workers = [startWorkerProcess(fx.env), startWorkerProcess(fx.env)];
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    // Everything enqueued before the restart (the enqueuing command is not what this test is about).
    const enqueued = await enqueueCrawls(
      fx.db,
      fx.queues,
      ids,
      windowOf(new Date()),
      configuredFingerprints(fx.config),
    );
    let finishedAt = 0;
    const crawl = followCrawlFlows<{ state: string }>(
      fx.queues,
      enqueued.map((e) => e.jobId),
      { pollMs: 200, signal: AbortSignal.timeout(95_000) },
    )
      .then((all) => all.map((f) => f.result ?? { state: `failed: ${f.failedReason}` }))
      .finally(() => (finishedAt = Date.now()));
    // Restart once the workers are well into the crawl (a few dozen requests in).
    for (let i = 0; i < 600 && fx.sim.stats().requests < 25; i++) await new Promise((r) => setTimeout(r, 50));
    const before = fx.sim.stats().requests;
    const restartedAt = Date.now();
    const finishedBeforeRestart = finishedAt !== 0;
    await postgres.restart(3_000);
    const results = await crawl;
    // The restart really was in the middle: the crawl had not finished when it began.
    expect(finishedBeforeRestart).toBe(false);
    expect(finishedAt).toBeGreaterThan(restartedAt);
    expect(before).toBeGreaterThan(0);
    expect(results.map((r) => r.state)).toEqual(['ok', 'ok', 'ok']);
    expect(await dumpCrawledData(fx.db)).toEqual(reference);
    expect(fx.sim.stats().violations.count).toBe(0);
    expect(workers.map((w) => (w.child.exitCode === null ? 'running' : w.stderr().slice(-2_000)))).toEqual([
      'running',
      'running',
    ]);
  });
});
