import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mulberry32, generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { dumpCrawledData } from '../crawl/crawl-fixture.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';
import { referenceDump } from './reference-crawl.js';
import { startWorkerProcess, stopWorkerProcess, type WorkerProcess } from './worker-process.js';

// Generous: every kill costs a lock expiry plus a worker start (~2 s of CPU under tsx), and CI may be busy.
jest.setTimeout(300_000);

describe('kill -9 a random worker again and again during a crawl', () => {
  let world: World;
  let fx: JobsFixture;
  let reference: Record<string, unknown[]>;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    world = generateWorld({
      seed: 31,
      repos: 3,
      commitsPerRepo: 250,
      issuesPerRepo: 60,
      commentsPerIssue: 2,
      users: 40,
    });
    // Latency stretches the crawl over many kills.
    fx = await startJobsFixture(world, { credentials: 2, sim: { faults: { latencyMs: 30 } } });
    reference = await referenceDump(world, fx.sim.url);
    fx.sim.resetStats();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorkerProcess(w, 2_000)));
    await fx?.close();
  });

  it('ends with the same database as an uninterrupted crawl', async () => {
    workers = Array.from({ length: 3 }, () => startWorkerProcess(fx.env));
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    const random = mulberry32(7);
    let kills = 0;
    let chaos = true;
    const monkey = (async () => {
      // Kills driven by progress (every 5 requests GitHub answered), not by the clock: the crawl is
      // interrupted the same way on a fast or a loaded machine.
      while (chaos && kills < 5) {
        const target = (kills + 1) * 5;
        while (chaos && fx.sim.stats().requests < target) await new Promise((r) => setTimeout(r, 25));
        if (!chaos) break;
        const index = Math.floor(random() * workers.length);
        workers[index]!.child.kill('SIGKILL');
        await workers[index]!.exited;
        kills += 1;
        workers[index] = startWorkerProcess(fx.env);
      }
    })();
    const results = await fx.crawl(ids, { timeoutMs: 240_000 }).finally(() => (chaos = false));
    await monkey;
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(results.map((r) => r.state)).toEqual(['ok', 'ok', 'ok']);
    expect(await dumpCrawledData(fx.db)).toEqual(reference);
    expect(fx.sim.stats().violations.count).toBe(0);
  });
});
