import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createLogger } from '../../../src/shared/logger.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { startWorkers, type RunningWorkers } from '../../../workers/start-workers.js';
import { dumpCrawledData } from '../crawl/crawl-fixture.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';
import { referenceDump } from './reference-crawl.js';

jest.setTimeout(90_000);

describe('an exhausted credential pauses its queue (worker.rateLimit) instead of holding jobs', () => {
  let world: World;
  let fx: JobsFixture;
  let workers: RunningWorkers;
  let log = '';

  beforeAll(async () => {
    world = generateWorld({
      seed: 61,
      repos: 2,
      commitsPerRepo: 200,
      issuesPerRepo: 40,
      commentsPerIssue: 1,
      users: 30,
    });
    fx = await startJobsFixture(world, {
      credentials: 1,
      sim: { rateLimit: { core: 5, graphql: 3, windowSeconds: 2 } },
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    // Give a job back as soon as the wait for budget is longer than 100 ms.
    workers = await startWorkers({
      config: fx.config,
      logger: createLogger('info', sink),
      roles: ['crawl'],
      maxBudgetWaitMs: 100,
    });
  });
  afterAll(async () => {
    await workers?.close();
    await fx?.close();
  });

  it('jobs go back to wait without spending attempts, and the crawl still completes exactly', async () => {
    const reference = await referenceDump(world, fx.sim.url);
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    const results = await fx.crawl(ids, { timeoutMs: 80_000 });
    expect(results.map((r) => r.state)).toEqual(['ok', 'ok']);
    expect(log).toContain('github budget exhausted: queue paused');
    expect(log).not.toContain('"msg":"job failed"');
    expect(await dumpCrawledData(fx.db)).toEqual(reference);
    expect(fx.sim.stats().violations.count).toBe(0);
  });
});
