import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Job } from 'bullmq';
import { createLogger, silentLogger } from '../../../src/shared/logger.js';
import { countRowsForRepository } from '../../../src/store/counts.store.js';
import { findRepositoryByFullName, getRepository } from '../../../src/store/repository.store.js';
import { listCrawlStates } from '../../../src/store/crawl-state.store.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { CRAWL_REPOSITORY_QUEUE, crawlStageQueue } from '../../../src/jobs/queue-names.js';
import { configuredFingerprints, credentialForRepository } from '../../../src/jobs/credential-routing.js';
import { stageJobId } from '../../../src/jobs/job-ids.js';
import { startWorkers, type RunningWorkers } from '../../../workers/start-workers.js';
import { worldCounts } from '../crawl/crawl-fixture.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';

jest.setTimeout(90_000);

const FAST_CLIENT = { backoff: { baseMs: 20, capMs: 300 }, maxAttempts: 8, requestTimeoutMs: 10_000 };

describe('crawl flows on BullMQ workers in this process (PostgreSQL, Redis, simulator)', () => {
  let world: World;
  let fx: JobsFixture;
  let workers: RunningWorkers;

  beforeAll(async () => {
    world = generateWorld({
      seed: 11,
      repos: 3,
      commitsPerRepo: 150,
      issuesPerRepo: 50,
      commentsPerIssue: 1,
      users: 40,
    });
    fx = await startJobsFixture(world, { credentials: 2 });
    workers = await startWorkers({
      config: fx.config,
      logger: process.env['VITALS_TEST_LOG'] ? createLogger('info') : silentLogger,
      roles: ['crawl'],
      concurrency: 2,
      watchdogIntervalMs: 60_000,
      clientOptions: FAST_CLIENT,
    });
  });
  afterAll(async () => {
    await workers?.close();
    await fx?.close();
  });

  it('crawls every repository completely through per-stage jobs, one queue per credential', async () => {
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    const results = await fx.crawl(ids);
    expect(results.map((r) => r.state)).toEqual(['ok', 'ok', 'ok']);
    for (const repo of world.repos) {
      const stored = await findRepositoryByFullName(fx.db, `${repo.owner}/${repo.name}`);
      expect(await countRowsForRepository(fx.db, stored!.id)).toEqual(worldCounts(world, repo));
      expect(stored?.lastSuccessAt).not.toBeNull();
    }
    expect(workers.queues).toEqual(
      expect.arrayContaining([
        ...configuredFingerprints(fx.config).map(crawlStageQueue),
        CRAWL_REPOSITORY_QUEUE,
      ]),
    );
    expect(fx.sim.stats().violations.count).toBe(0);
  });

  it('adding the same crawl window twice is a no-op (deterministic job ids)', async () => {
    const ids = await fx.register([`${world.repos[0]!.owner}/${world.repos[0]!.name}`]);
    const window = '2029-06-01T12:00:00.000Z';
    const before = fx.sim.stats().requests;
    const first = await fx.crawl(ids, { window });
    const afterFirst = fx.sim.stats().requests;
    const second = await fx.crawl(ids, { window });
    expect(first[0]?.state).toBe('ok');
    expect(second[0]?.state).toBe('ok');
    expect(afterFirst).toBeGreaterThan(before);
    // The second add found the finished flow of this minute and did not run it again.
    expect(fx.sim.stats().requests).toBe(afterFirst);
  });

  it('a deleted repository is recorded gone, its other stages skipped, and the rest go on', async () => {
    const [gone, other] = world.repos;
    gone!.status = 'gone';
    const ids = await fx.register([`${gone!.owner}/${gone!.name}`, `${other!.owner}/${other!.name}`]);
    const results = await fx.crawl(ids, { window: '2030-01-01T00:00:00.000Z' });
    expect(results.map((r) => r.state)).toEqual(['gone', 'ok']);
    const repository = await getRepository(fx.db, ids[0]!);
    expect(repository.state).toBe('gone');
    const states = await listCrawlStates(fx.db, ids[0]!);
    expect(states.filter((s) => s.status === 'failed')).toEqual([]);
    // The stages after metadata skipped without asking GitHub.
    const credential = credentialForRepository(repository, configuredFingerprints(fx.config));
    const commits = await Job.fromId(
      fx.queues.queue(crawlStageQueue(credential)),
      stageJobId(ids[0]!, '2030-01-01T00:00:00.000Z', 'commits'),
    );
    expect(commits?.returnvalue).toEqual({
      results: [expect.objectContaining({ outcome: 'gone' })],
      skipped: 'repository gone',
    });
  });
});
