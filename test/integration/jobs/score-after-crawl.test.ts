import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Job } from 'bullmq';
import { followCrawlFlows } from '../../../src/jobs/follow-crawl.js';
import { analyseJobId } from '../../../src/jobs/job-ids.js';
import { ANALYSE_REPOSITORY_QUEUE, isCrawlStageQueue } from '../../../src/jobs/queue-names.js';
import { createLogger, silentLogger } from '../../../src/shared/logger.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { startWorkers, type RunningWorkers } from '../../../workers/start-workers.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';

jest.setTimeout(90_000);

const FAST_CLIENT = { backoff: { baseMs: 20, capMs: 300 }, maxAttempts: 8, requestTimeoutMs: 10_000 };

describe('geography and a score snapshot after each crawl flow (BullMQ workers, PostgreSQL, Redis)', () => {
  let world: World;
  let fx: JobsFixture;
  let workers: RunningWorkers;

  beforeAll(async () => {
    world = generateWorld({
      seed: 23,
      repos: 2,
      commitsPerRepo: 80,
      issuesPerRepo: 20,
      commentsPerIssue: 1,
      users: 25,
    });
    fx = await startJobsFixture(world, { credentials: 1 });
    workers = await startWorkers({
      config: fx.config,
      logger: process.env['VITALS_TEST_LOG'] ? createLogger('info') : silentLogger,
      roles: ['crawl', 'analyse'],
      concurrency: 2,
      watchdogIntervalMs: 60_000,
      clientOptions: FAST_CLIENT,
    });
  });
  afterAll(async () => {
    await workers?.close();
    await fx?.close();
  });

  const window = '2029-03-01T10:00:00.000Z';
  const snapshotsOf = (ids: readonly number[]) =>
    fx.db
      .selectFrom('score_snapshot')
      .select(['repository_id', 'as_of', 'score', 'computed_at'])
      .where('repository_id', 'in', ids)
      .orderBy('repository_id')
      .execute();
  const followAnalyses = (ids: readonly number[]) =>
    followCrawlFlows<{ inferred: number; score: number | null; written: number }>(
      fx.queues,
      ids.map((id) => analyseJobId(id, window)),
      { queueName: ANALYSE_REPOSITORY_QUEUE, pollMs: 100, signal: AbortSignal.timeout(60_000) },
    );

  it('each crawled repository is located and scored by an analyse-repository job', async () => {
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    expect(await snapshotsOf(ids)).toEqual([]);
    const crawled = await fx.crawl(ids, { window });
    expect(crawled.map((c) => c.state)).toEqual(['ok', 'ok']);

    const analyses = await followAnalyses(ids);
    expect(analyses.map((a) => a.failedReason)).toEqual([undefined, undefined]);
    expect(analyses.every((a) => (a.result?.written ?? 0) >= 1)).toBe(true);
    const snapshots = await snapshotsOf(ids);
    expect(snapshots.map((s) => s.repository_id)).toEqual(ids);
    expect(snapshots.every((s) => typeof s.score === 'number')).toBe(true);
    const people = await fx.db.selectFrom('geo_person').select('person_key').execute();
    expect(people.length).toBeGreaterThan(0);
    expect(analyses.reduce((n, a) => n + (a.result?.inferred ?? 0), 0)).toBe(people.length);
    // Scoring talks to PostgreSQL only: its queue is none of the GitHub credential queues.
    expect(workers.queues).toContain(ANALYSE_REPOSITORY_QUEUE);
    expect(isCrawlStageQueue(ANALYSE_REPOSITORY_QUEUE)).toBe(false);
  });

  it('running the same minute again crawls, locates and scores nothing twice', async () => {
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    const before = await snapshotsOf(ids);
    const requests = fx.sim.stats().requests;
    const queue = fx.queues.queue(ANALYSE_REPOSITORY_QUEUE);
    const processedBefore = (await Job.fromId(queue, analyseJobId(ids[0]!, window)))?.processedOn;

    const again = await fx.crawl(ids, { window });
    expect(again.map((c) => c.state)).toEqual(['ok', 'ok']);
    await followAnalyses(ids);
    // Give a wrongly added job time to run before comparing.
    await new Promise((r) => setTimeout(r, 500));
    expect(fx.sim.stats().requests).toBe(requests);
    expect((await Job.fromId(queue, analyseJobId(ids[0]!, window)))?.processedOn).toBe(processedBefore);
    expect(await queue.getJobCounts('completed', 'waiting', 'active')).toEqual({
      completed: 2,
      waiting: 0,
      active: 0,
    });
    expect(await snapshotsOf(ids)).toEqual(before);
  });
});
