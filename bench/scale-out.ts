import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../config/load-config.js';
import { enqueueCrawls } from '../src/jobs/crawl-flow.js';
import { windowOf } from '../src/jobs/crawl-payloads.js';
import { configuredFingerprints } from '../src/jobs/credential-routing.js';
import { followCrawlFlows } from '../src/jobs/follow-crawl.js';
import { createJobQueues } from '../src/jobs/job-queues.js';
import { silentLogger } from '../src/shared/logger.js';
import { parseRepoName } from '../src/shared/repo-name.js';
import { startSimulator } from '../src/sim/index.js';
import { generateWorld } from '../src/sim/worlds/index.js';
import { countRowsForRepository } from '../src/store/counts.store.js';
import { registerRepositories } from '../src/store/repository.store.js';
import { createTestPostgres } from '../test/support/db.js';
import { startWorkers, type RunningWorkers } from '../workers/start-workers.js';

/**
 * `npm run bench -- scale-out`: crawl throughput (rows stored per second) of BullMQ workers under a
 * small simulated budget (design §9 "Scale-out"): 1, 2 and 4 credentials with 2 workers, then 1 vs 4
 * workers on one credential. Workers run in this process (each its own BullMQ workers and GitHub
 * client, all sharing the Redis budget ledger, as separate processes would). Violations must be 0.
 * Needs PostgreSQL (VITALS_TEST_PG_URL) and Redis (VITALS_TEST_REDIS_URL).
 */
const REDIS_URL = process.env['VITALS_TEST_REDIS_URL'] || 'redis://127.0.0.1:6379';
const BUDGET = { core: 10, graphql: 6, windowSeconds: 2 };
const WORLD = { seed: 71, repos: 12, commitsPerRepo: 300, issuesPerRepo: 60, commentsPerIssue: 1, users: 60 };

interface Run {
  credentials: number;
  workers: number;
  seconds: number;
  rows: number;
  requests: number;
  violations: number;
}

async function runOnce(credentials: number, workerCount: number): Promise<Run> {
  const world = generateWorld(WORLD);
  const sim = await startSimulator({ world, config: { rateLimit: BUDGET } });
  const pg = await createTestPostgres();
  const prefix = `vb${randomBytes(5).toString('hex')}`;
  const tokens = Array.from({ length: credentials }, () => `bench-token-${randomBytes(12).toString('hex')}`);
  const config = loadConfig({
    env: {
      DATABASE_URL: pg.url,
      REDIS_URL,
      GITHUB_API_URL: sim.url,
      VITALS_GITHUB_TOKENS: tokens.join(','),
      VITALS_QUEUE_PREFIX: prefix,
    },
  });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = createJobQueues(redis, prefix);
  const workers: RunningWorkers[] = [];
  try {
    for (let i = 0; i < workerCount; i++)
      workers.push(await startWorkers({ config, logger: silentLogger, roles: ['crawl'], concurrency: 2 }));
    const registered = await registerRepositories(
      pg.db,
      world.repos.map((r) => parseRepoName(`${r.owner}/${r.name}`)),
    );
    const ids = registered.added.map((r) => r.id);
    const started = performance.now();
    const enqueued = await enqueueCrawls(
      pg.db,
      queues,
      ids,
      windowOf(new Date()),
      configuredFingerprints(config),
    );
    const finished = await followCrawlFlows<{ state: string }>(
      queues,
      enqueued.map((e) => e.jobId),
      { pollMs: 100 },
    );
    const seconds = (performance.now() - started) / 1000;
    if (finished.some((f) => f.result?.state !== 'ok')) throw new Error('a repository did not crawl ok');
    let rows = 0;
    for (const id of ids)
      rows += Object.values(await countRowsForRepository(pg.db, id)).reduce((a, b) => a + b, 0);
    const stats = sim.stats();
    return {
      credentials,
      workers: workerCount,
      seconds,
      rows,
      requests: stats.requests,
      violations: stats.violations.count,
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await queues.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    await pg.drop();
    await sim.close();
  }
}

export async function runScaleOutBench(): Promise<void> {
  console.log(
    `world: ${WORLD.repos} repositories × ${WORLD.commitsPerRepo} commits, ${WORLD.issuesPerRepo} issues+PRs; ` +
      `simulated budget per credential: ${BUDGET.core} REST + ${BUDGET.graphql} GraphQL per ${BUDGET.windowSeconds} s`,
  );
  const plan: [number, number][] = [
    [1, 2],
    [2, 2],
    [4, 2],
    [1, 1],
    [1, 4],
  ];
  const runs: Run[] = [];
  for (const [credentials, workers] of plan) {
    const run = await runOnce(credentials, workers);
    runs.push(run);
    console.log(
      `credentials=${run.credentials} workers=${run.workers}: ${run.seconds.toFixed(1)} s, ` +
        `${(run.rows / run.seconds).toFixed(0)} rows/s (${run.rows} rows, ${run.requests} requests), violations=${run.violations}`,
    );
  }
  const base = runs[0] as Run;
  for (const run of runs.slice(1, 3))
    console.log(
      `speed-up with ${run.credentials} credentials vs 1: ${(base.seconds / run.seconds).toFixed(2)}×`,
    );
  const [one, four] = [runs[3] as Run, runs[4] as Run];
  console.log(
    `1 credential, 4 workers vs 1 worker: ${(one.seconds / four.seconds).toFixed(2)}× (budget-bound: ≈1 expected)`,
  );
  const violations = runs.reduce((sum, r) => sum + r.violations, 0);
  console.log(`budget violations in all runs: ${violations}`);
  if (violations > 0) process.exitCode = 1;
}
