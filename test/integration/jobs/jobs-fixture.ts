import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../../../config/load-config.js';
import type { Database } from '../../../schema/database.js';
import { fingerprintOf } from '../../../src/github/credential.js';
import { pickCredentialFor } from '../../../src/github/pick-credential.js';
import { enqueueCrawls } from '../../../src/jobs/crawl-flow.js';
import { windowOf } from '../../../src/jobs/crawl-payloads.js';
import { configuredFingerprints } from '../../../src/jobs/credential-routing.js';
import { followCrawlFlows } from '../../../src/jobs/follow-crawl.js';
import { createJobQueues, type JobQueues } from '../../../src/jobs/job-queues.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import {
  startSimulator,
  type DeepPartial,
  type RunningSimulator,
  type SimConfig,
} from '../../../src/sim/index.js';
import type { World } from '../../../src/sim/world.js';
import { registerRepositories } from '../../../src/store/repository.store.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';

export const TEST_REDIS_URL = process.env['VITALS_TEST_REDIS_URL'] || 'redis://127.0.0.1:6379';

/** Built at run time, never shaped like a real GitHub token. */
export function fakeToken(): string {
  return `test-token-${randomBytes(16).toString('hex')}`;
}

/**
 * Tokens such that every credential is pinned at least one of the world's repositories. Pinning is a
 * rendezvous hash over the tokens' fingerprints, and random tokens put all of a small world on one
 * credential now and then (4 repositories, 2 credentials: 1 run in 8), which would make "both
 * credentials did work" a matter of luck.
 */
function spreadTokens(count: number, world: World): string[] {
  const keys = world.repos.map((r) => `name:${r.owner}/${r.name}`.toLowerCase());
  const wanted = Math.min(count, keys.length);
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const tokens = Array.from({ length: count }, fakeToken);
    const fingerprints = tokens.map(fingerprintOf);
    if (new Set(keys.map((key) => pickCredentialFor(key, fingerprints))).size >= wanted) return tokens;
  }
  throw new Error(`no ${count} tokens spread ${keys.length} repositories across them`);
}

/** A BullMQ prefix of its own per test file: queues of parallel test files never meet. */
export function randomPrefix(): string {
  return `vt${randomBytes(5).toString('hex')}`;
}

/**
 * Simulator over HTTP + fresh PostgreSQL database + a random queue prefix on Redis, and the
 * environment a spawned `vitals` process needs to join them.
 */
export interface JobsFixture {
  readonly sim: RunningSimulator;
  readonly pg: TestPostgres;
  readonly db: Kysely<Database>;
  readonly tokens: readonly string[];
  readonly prefix: string;
  readonly redisUrl: string;
  readonly env: Record<string, string>;
  readonly config: Config;
  readonly redis: Redis;
  readonly queues: JobQueues;
  register(names: readonly string[]): Promise<number[]>;
  /** Enqueues a crawl of `ids` for the current minute and waits until every flow has finished. */
  crawl(
    ids: readonly number[],
    options?: { timeoutMs?: number; window?: string },
  ): Promise<{ state: string }[]>;
  /** The two halves of `crawl`, for tests that must act between them. */
  enqueue(ids: readonly number[], window?: string): Promise<string[]>;
  follow(jobIds: readonly string[], options?: { timeoutMs?: number }): Promise<{ state: string }[]>;
  close(): Promise<void>;
}

export async function startJobsFixture(
  world: World,
  options: {
    credentials?: number;
    sim?: DeepPartial<SimConfig>;
    redisUrl?: string;
    postgres?: TestPostgres;
  } = {},
): Promise<JobsFixture> {
  const sim = await startSimulator({ world, ...(options.sim ? { config: options.sim } : {}) });
  const pg = options.postgres ?? (await createTestPostgres());
  const tokens = spreadTokens(options.credentials ?? 1, world);
  const prefix = randomPrefix();
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const env = {
    DATABASE_URL: pg.url,
    REDIS_URL: redisUrl,
    GITHUB_API_URL: sim.url,
    VITALS_GITHUB_TOKENS: tokens.join(','),
    VITALS_QUEUE_PREFIX: prefix,
  };
  const config = loadConfig({ env });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = createJobQueues(redis, prefix);
  const fixture: JobsFixture = {
    sim,
    pg,
    db: pg.db,
    tokens,
    prefix,
    redisUrl,
    env,
    config,
    redis,
    queues,
    async register(names) {
      const result = await registerRepositories(
        pg.db,
        names.map((n) => parseRepoName(n)),
      );
      return [...result.added, ...result.existing].map((r) => r.id);
    },
    async enqueue(ids, window = windowOf(new Date())) {
      const enqueued = await enqueueCrawls(pg.db, queues, ids, window, configuredFingerprints(config));
      return enqueued.map((e) => e.jobId);
    },
    async follow(jobIds, { timeoutMs = 90_000 } = {}) {
      const finished = await followCrawlFlows<{ state: string }>(queues, jobIds, {
        pollMs: 200,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return finished.map((f) => f.result ?? { state: `failed: ${f.failedReason}` });
    },
    async crawl(ids, { timeoutMs = 90_000, window } = {}) {
      return fixture.follow(await fixture.enqueue(ids, window), { timeoutMs });
    },
    async close() {
      await queues.close();
      await deleteKeys(redis, prefix);
      redis.disconnect();
      await pg.drop();
      await sim.close();
    },
  };
  return fixture;
}

/** Removes every key of a test's prefix (queues, budget, locks). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
