import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { runCli } from '../../support/run-cli.js';
import { dumpCrawledData } from '../crawl/crawl-fixture.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';
import { referenceDump } from './reference-crawl.js';
import { startWorkerProcess, stopWorkerProcess, type WorkerProcess } from './worker-process.js';

jest.setTimeout(110_000);

describe('4 worker processes, 2 credentials, a budget that runs out several times', () => {
  let world: World;
  let fx: JobsFixture;
  let reference: Record<string, unknown[]>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    world = generateWorld({
      seed: 21,
      repos: 4,
      commitsPerRepo: 250,
      issuesPerRepo: 60,
      commentsPerIssue: 2,
      users: 40,
    });
    // 6 REST requests and 4 GraphQL points per token per 2-second window: the crawl needs several windows.
    fx = await startJobsFixture(world, {
      credentials: 2,
      sim: { rateLimit: { core: 6, graphql: 4, windowSeconds: 2 } },
    });
    reference = await referenceDump(world, fx.sim.url);
    fx.sim.resetStats();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorkerProcess(w)));
    await fx?.close();
  });

  it('crawl --wait completes with data identical to an embedded crawl and zero violations', async () => {
    for (let i = 0; i < 4; i++) workers.push(startWorkerProcess(fx.env, ['--concurrency', '2']));
    await runCli(['repo', 'add', ...world.repos.map((r) => `${r.owner}/${r.name}`)], fx.env);
    const crawl = await runCli(['crawl', '--all', '--wait', '--json'], fx.env);
    expect(crawl.stderr).toContain('4/4 repositories crawled');
    expect(crawl.code).toBe(0);
    const summary = JSON.parse(crawl.stdout) as { completed: boolean; repositories: { state: string }[] };
    expect(summary.completed).toBe(true);
    expect(summary.repositories.map((r) => r.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(await dumpCrawledData(fx.db)).toEqual(reference);
    const stats = fx.sim.stats();
    expect(stats.violations.count).toBe(0);
    // The budget really ran out, several times: more than three windows of both tokens.
    expect(stats.budgetSpent.core).toBeGreaterThan(3 * 2 * 6);
    // Both credentials did work (repositories are pinned across them).
    expect(Object.keys(stats.byToken).length).toBe(2);
  });

  it('vitals status --json shows the repositories, both credentials and drained queues', async () => {
    const status = await runCli(['status', '--json'], fx.env);
    expect(status.code).toBe(0);
    const out = JSON.parse(status.stdout) as {
      repositories: { state: string; lastSuccessAt: string | null }[];
      credentials: { fingerprint: string; resources: { resource: string; remaining: number | null }[] }[];
      queues: { queue: string; waiting: number; active: number; failed: number }[];
    };
    expect(out.repositories.map((r) => r.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(out.repositories.every((r) => r.lastSuccessAt !== null)).toBe(true);
    expect(out.credentials).toHaveLength(2);
    expect(out.credentials[0]?.resources.map((r) => r.resource)).toEqual(expect.arrayContaining(['core']));
    // crawl-repository, a stage queue per credential, analyse-repository, crawl-schedule
    expect(out.queues.length).toBe(5);
    expect(out.queues.map((q) => q.queue)).toEqual(
      expect.arrayContaining(['crawl-repository', 'analyse-repository', 'crawl-schedule']),
    );
    expect(out.queues.every((q) => q.waiting === 0 && q.active === 0 && q.failed === 0)).toBe(true);
    expect(status.stdout).not.toContain(fx.tokens[0]!);
  });

  it('SIGTERM drains and every worker exits 0', async () => {
    const codes = await Promise.all(workers.map((w) => stopWorkerProcess(w)));
    expect(codes).toEqual([0, 0, 0, 0]);
  });
});
