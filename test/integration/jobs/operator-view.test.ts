import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { configuredFingerprints } from '../../../src/jobs/credential-routing.js';
import { windowOf } from '../../../src/jobs/crawl-payloads.js';
import { crawlStageQueue } from '../../../src/jobs/queue-names.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { startWorkers, type RunningWorkers } from '../../../workers/start-workers.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';

jest.setTimeout(90_000);

const VITALS_BIN = fileURLToPath(new URL('../../../bin/vitals.js', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface ServeProcess {
  readonly base: string;
  readonly stderr: () => string;
  stop(): Promise<void>;
}

/**
 * `vitals serve --port 0` as a real process: bull-board's @fastify/static needs ESM-only packages
 * that jest's CommonJS loader cannot require on Node 20, and this also covers the command itself.
 */
async function startServe(env: Record<string, string>, args: readonly string[] = []): Promise<ServeProcess> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(DATABASE_URL|REDIS_URL|VITALS_|GITHUB_|LOG_LEVEL)/.test(key),
    ),
  );
  const child = spawn(process.execPath, [VITALS_BIN, 'serve', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...base, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vitals serve did not start: ${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /serving (http:\/\/\S+)\/metrics\n.*queue board/.exec(stderr);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    void exited.then(() => reject(new Error(`vitals serve exited: ${stderr}`)));
  });
  return {
    base: address,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('operator view: worker metrics through Redis, and the queue board behind a key', () => {
  let world: World;
  let fx: JobsFixture;
  let workers: RunningWorkers;
  const serves: ServeProcess[] = [];
  const apiKey = `test-key-${randomBytes(12).toString('hex')}`;
  const serve = async (extra: Record<string, string>, args: readonly string[] = []) => {
    const started = await startServe({ ...fx.env, ...extra }, args);
    serves.push(started);
    return started;
  };

  beforeAll(async () => {
    world = generateWorld({
      seed: 23,
      repos: 2,
      commitsPerRepo: 40,
      issuesPerRepo: 10,
      commentsPerIssue: 1,
      users: 15,
    });
    fx = await startJobsFixture(world, { credentials: 1 });
    workers = await startWorkers({
      config: fx.config,
      logger: silentLogger,
      roles: ['crawl'],
      concurrency: 2,
      watchdogIntervalMs: 60_000,
      // A job waiting for budget longer than this is given back (keeps the shutdown quick).
      maxBudgetWaitMs: 500,
      clientOptions: { backoff: { baseMs: 20, capMs: 300 } },
    });
  });
  afterAll(async () => {
    await Promise.all(serves.map((p) => p.stop()));
    await workers?.close();
    await fx?.close();
  });

  it('/metrics shows job durations and rows upserted per stage after a crawl', async () => {
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    expect((await fx.crawl(ids, { timeoutMs: 80_000 })).map((r) => r.state)).toEqual(['ok', 'ok']);
    // Recorder writes are fire-and-forget: give the last ones a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { base } = await serve({});
    const body = await (await fetch(`${base}/metrics`)).text();
    const [fingerprint] = configuredFingerprints(fx.config);
    const stageQueue = crawlStageQueue(fingerprint!);

    const completed = Number(
      new RegExp(
        `vitals_job_duration_seconds_count\\{queue="${stageQueue}",outcome="completed"\\} (\\d+)`,
      ).exec(body)?.[1],
    );
    expect(completed).toBeGreaterThanOrEqual(5);
    expect(body).toMatch(
      new RegExp(
        `vitals_job_duration_seconds_bucket\\{queue="${stageQueue}",outcome="completed",le="\\+Inf"\\} ${completed}`,
      ),
    );
    expect(body).toMatch(
      /vitals_job_duration_seconds_count\{queue="crawl-repository",outcome="completed"\} 2\b/,
    );
    expect(body).toContain('# TYPE vitals_job_duration_seconds histogram');
    const commits = Number(/vitals_rows_upserted\{stage="commits"\} (\d+)/.exec(body)?.[1]);
    expect(commits).toBeGreaterThanOrEqual(2 * 40);
    expect(body).not.toContain('vitals_github_refused_responses{');
    expect(body).not.toContain(fx.tokens[0]!);
  });

  it('counts GitHub 403s per credential fingerprint', async () => {
    // GitHub's secondary limit (403 + retry-after) on every request from now on; a new crawl
    // window makes the workers ask again.
    fx.sim.configure({ secondary: { maxConcurrent: 0, retryAfterSeconds: 1 } });
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    const crawling = fx
      .crawl(ids, { timeoutMs: 20_000, window: windowOf(new Date(Date.now() + 3_600_000)) })
      .catch(() => undefined);
    const { base } = await serve({});
    const [fingerprint] = configuredFingerprints(fx.config);
    const pattern = new RegExp(
      `vitals_github_refused_responses\\{credential="${fingerprint}",status="403"\\} (\\d+)`,
    );
    let refused = 0;
    for (let i = 0; i < 100 && refused === 0; i++) {
      refused = Number(pattern.exec(await (await fetch(`${base}/metrics`)).text())?.[1] ?? 0);
      if (refused === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    fx.sim.configure({ secondary: { maxConcurrent: 100 } });
    expect(refused).toBeGreaterThan(0);
    // Never more than the simulator sent (its count only grows after our read).
    expect(refused).toBeLessThanOrEqual(fx.sim.stats().byStatus['403'] ?? 0);
    await crawling;
  });

  it('without VITALS_API_KEYS there is no board at all', async () => {
    const served = await serve({});
    expect(served.stderr()).toContain('queue board disabled: set VITALS_API_KEYS');
    expect((await fetch(`${served.base}/queues`)).status).toBe(404);
  });

  it('/queues needs a VITALS_API_KEYS bearer key and refuses writes in read-only mode', async () => {
    const served = await serve({ VITALS_API_KEYS: `other-key-${randomBytes(4).toString('hex')},${apiKey}` });
    const base = served.base;
    expect(served.stderr()).toContain('read-only');
    expect(served.stderr()).not.toContain(apiKey);
    const stage = crawlStageQueue(configuredFingerprints(fx.config)[0]!);
    const auth = { authorization: `Bearer ${apiKey}` };

    expect((await fetch(`${base}/queues`)).status).toBe(401);
    expect(
      (await fetch(`${base}/queues/api/queues`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    const page = await fetch(`${base}/queues`, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${base}/queues/api/queues`, { headers: auth });
    expect(api.status).toBe(200);
    const listed = (await api.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(listed.queues.map((q) => q.name)).toEqual(
      expect.arrayContaining([stage, 'crawl-repository', 'analyse-repository', 'crawl-schedule']),
    );
    expect(listed.queues.every((q) => q.readOnlyMode)).toBe(true);

    const pause = await fetch(`${base}/queues/api/queues/${stage}/pause`, { method: 'PUT', headers: auth });
    expect(pause.status).toBe(405);
    expect(await fx.queues.queue(stage).isPaused()).toBe(false);
    // /metrics stays open on the operator port (documented in docs/runbook.md).
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('--board-write lets the same key pause a queue', async () => {
    const { base } = await serve({ VITALS_API_KEYS: apiKey }, ['--board-write']);
    const stage = crawlStageQueue(configuredFingerprints(fx.config)[0]!);
    const auth = { authorization: `Bearer ${apiKey}` };
    expect((await fetch(`${base}/queues/api/queues/${stage}/pause`, { method: 'PUT' })).status).toBe(401);
    const pause = await fetch(`${base}/queues/api/queues/${stage}/pause`, { method: 'PUT', headers: auth });
    expect(pause.status).toBe(200);
    expect(await fx.queues.queue(stage).isPaused()).toBe(true);
    await fx.queues.queue(stage).resume();
  });
});
