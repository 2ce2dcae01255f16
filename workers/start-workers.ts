import { Worker, type Job, type Processor } from 'bullmq';
import type { Config } from '../config/load-config.js';
import { createCrawlGitHub, etagStoreFor } from '../src/crawl/adapters/github-client.adapter.js';
import { systemClock } from '../src/crawl/stage.js';
import { crawlSettingsOf } from '../src/runtime/crawl-settings.js';
import { createGitHubClient, RedisBudgetLedger, type GitHubClientOptions } from '../src/github/index.js';
import { announceCredentials } from '../src/jobs/credential-routing.js';
import { createJobQueues } from '../src/jobs/job-queues.js';
import { createWorkerMetricsRecorder } from '../src/jobs/worker-metrics.js';
import {
  ANALYSE_REPOSITORY_QUEUE,
  CRAWL_REPOSITORY_QUEUE,
  CRAWL_SCHEDULE_QUEUE,
  crawlStageQueue,
  type WorkerRole,
} from '../src/jobs/queue-names.js';
import { reconcileSchedules } from '../src/jobs/reconcile-schedules.js';
import { openDatabase } from '../src/runtime/database.js';
import { checkEvictionPolicy, createRedis, pingRedis } from '../src/runtime/redis.js';
import { isVitalsError, VitalsError } from '../src/shared/errors.js';
import type { Logger } from '../src/shared/logger.js';
import { analyseRepositoryProcessor } from './analyse-repository.processor.js';
import { crawlRepositoryProcessor } from './crawl-repository.processor.js';
import { crawlStageProcessor } from './crawl-stage.processor.js';
import type { JobRunContext } from './run-job.js';
import { scheduleTriggerProcessor } from './schedule-trigger.processor.js';
import { isStuck } from './watchdog.js';
import type { WorkerDeps } from './worker-deps.js';

export interface StartWorkersOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly roles?: readonly WorkerRole[];
  /** Jobs processed at once per queue. */
  readonly concurrency?: number;
  /** SIGTERM: how long in-flight jobs may finish before their GitHub requests are aborted. */
  readonly drainTimeoutMs?: number;
  /** BullMQ lock of an active job; a dead worker's jobs are recovered after about this long. */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly watchdogIntervalMs?: number;
  readonly reconcileIntervalMs?: number;
  /** Longest inline wait for GitHub budget before the job is given back (`worker.rateLimit`). */
  readonly maxBudgetWaitMs?: number;
  readonly clientOptions?: Partial<GitHubClientOptions>;
  /** How long to wait for PostgreSQL at start (it may be restarting, like the worker). */
  readonly startupTimeoutMs?: number;
}

export interface RunningWorkers {
  readonly queues: readonly string[];
  readonly fingerprints: readonly string[];
  /** Drains (up to the deadline), aborts what is left, closes every connection. */
  close(): Promise<void>;
}

interface Slot {
  readonly queue: string;
  processor: Processor;
  readonly concurrency: number;
  worker: Worker;
  inFlight: number;
  lastActivityMs: number;
}

/**
 * A worker process (design §2 distributed mode): BullMQ workers on the crawl and schedule queues,
 * one GitHub client per process spending the ONE budget kept in Redis (RedisBudgetLedger), a
 * watchdog that recreates a worker that stopped consuming, and a drain on close.
 * Worker checklist: docs.bullmq.io/guide/going-to-production.
 */
export async function startWorkers(options: StartWorkersOptions): Promise<RunningWorkers> {
  const { config, logger } = options;
  if (!config.redisUrl)
    throw new VitalsError('CONFIG_INVALID', 'vitals worker needs REDIS_URL (redis://HOST:PORT)', {
      key: 'REDIS_URL',
    });
  const redisUrl = config.redisUrl;
  const roles = options.roles ?? ['crawl', 'analyse', 'schedule'];
  const concurrency = options.concurrency ?? 2;
  if (!config.databaseUrl)
    logger.warn(
      'no DATABASE_URL: the embedded database admits one process; use PostgreSQL for several workers',
    );

  const redis = createRedis(redisUrl, 'worker', logger);
  await pingRedis(redis, redisUrl).catch(async (err: unknown) => {
    redis.disconnect();
    throw err;
  });
  await checkEvictionPolicy(redis, logger);
  const database = await openDatabasePatiently(config, logger, options.startupTimeoutMs ?? 60_000);
  const ledger = new RedisBudgetLedger({ redis, prefix: config.queuePrefix });
  const shutdown = new AbortController();
  const metrics = createWorkerMetricsRecorder(redis, config.queuePrefix, (err) =>
    logger.debug({ err: { message: err.message } }, 'could not record metrics'),
  );
  const client = createGitHubClient({
    config,
    logger,
    etagStore: etagStoreFor(database.db, null),
    ledger,
    signal: shutdown.signal,
    options: { maxWaitMs: options.maxBudgetWaitMs ?? 10_000, ...options.clientOptions },
    // 403/429 per credential for /metrics (rate limits, abuse detection, forbidden).
    onResponse: ({ fingerprint, status }) => {
      if (status === 403 || status === 429) metrics.githubRefused(fingerprint, status);
    },
  });
  const fingerprints = client.credentials.map((c) => c.fingerprint);
  const queues = createJobQueues(redis, config.queuePrefix);
  await announceCredentials(redis, config.queuePrefix, fingerprints);
  const deps: WorkerDeps = {
    db: database.db,
    crawl: {
      db: database.db,
      github: createCrawlGitHub(client, database.db),
      logger,
      clock: systemClock,
      settings: crawlSettingsOf(config),
    },
    queues,
    fingerprints,
    geoMode: config.geoMode,
    logger,
  };

  let shuttingDown = false;
  const slots: Slot[] = [];
  const workerConnections: ReturnType<typeof createRedis>[] = [];
  const contextFor = (slot: () => Slot | undefined): Omit<JobRunContext, 'logger'> => ({
    worker: () => slot()?.worker,
    shuttingDown: () => shuttingDown,
    metrics,
  });
  const addSlot = (
    queue: string,
    make: (c: Omit<JobRunContext, 'logger'>) => Processor,
    slotConcurrency: number,
  ) => {
    const self: Slot = {
      queue,
      processor: async () => undefined,
      concurrency: slotConcurrency,
      worker: undefined as unknown as Worker,
      inFlight: 0,
      lastActivityMs: Date.now(),
    };
    self.processor = make(contextFor(() => self));
    self.worker = createWorker(self);
    slots.push(self);
  };
  const createWorker = (slot: Slot): Worker => {
    const connection = createRedis(redisUrl, 'worker', logger);
    workerConnections.push(connection);
    const worker = new Worker(
      slot.queue,
      async (job: Job, token?: string) => {
        slot.inFlight += 1;
        slot.lastActivityMs = Date.now();
        try {
          return await slot.processor(job, token);
        } finally {
          slot.inFlight -= 1;
          slot.lastActivityMs = Date.now();
        }
      },
      {
        connection,
        prefix: config.queuePrefix,
        concurrency: slot.concurrency,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 15_000,
        // Killed workers are routine (deploys, kill -9): a job may be recovered many times before
        // it counts as failed; every stage is idempotent.
        maxStalledCount: 20,
      },
    );
    worker.on('error', (err) =>
      logger.warn({ queue: slot.queue, err: { message: err.message } }, 'worker error'),
    );
    worker.on('stalled', (jobId) => logger.info({ queue: slot.queue, jobId }, 'stalled job recovered'));
    return worker;
  };

  if (roles.includes('crawl')) {
    for (const fingerprint of fingerprints)
      addSlot(crawlStageQueue(fingerprint), (c) => crawlStageProcessor(deps, c) as Processor, concurrency);
    addSlot(CRAWL_REPOSITORY_QUEUE, (c) => crawlRepositoryProcessor(deps, c) as Processor, concurrency);
  }
  // One analysis at a time: scoring is CPU work on this event loop (about 25 ms a repository), and
  // the crawl jobs beside it should not wait behind several.
  if (roles.includes('analyse'))
    addSlot(ANALYSE_REPOSITORY_QUEUE, (c) => analyseRepositoryProcessor(deps, c) as Processor, 1);
  const timers: NodeJS.Timeout[] = [];
  if (roles.includes('schedule')) {
    addSlot(CRAWL_SCHEDULE_QUEUE, (c) => scheduleTriggerProcessor(deps, c) as Processor, 1);
    const reconcile = () =>
      reconcileSchedules(database.db, queues)
        .then((report) => {
          if (report && (report.upserted.length > 0 || report.removed.length > 0))
            logger.info({ upserted: report.upserted, removed: report.removed }, 'schedules reconciled');
        })
        .catch((err: unknown) =>
          logger.warn({ err: { message: (err as Error).message } }, 'schedule reconciliation failed'),
        );
    void reconcile();
    timers.push(setInterval(reconcile, options.reconcileIntervalMs ?? 60_000));
  }

  const watchdogIntervalMs = options.watchdogIntervalMs ?? 30_000;
  timers.push(
    setInterval(() => {
      for (const slot of slots) void watch(slot);
    }, watchdogIntervalMs),
  );
  const watch = async (slot: Slot) => {
    if (shuttingDown) return;
    try {
      const queue = queues.queue(slot.queue);
      const [waiting, rateLimitTtlMs, paused] = await Promise.all([
        queue.getWaitingCount(),
        queue.getRateLimitTtl(),
        queue.isPaused(),
      ]);
      const sample = {
        running: slot.worker.isRunning(),
        waiting,
        inFlight: slot.inFlight,
        concurrency: slot.concurrency,
        rateLimitTtlMs,
        paused,
        lastActivityMs: slot.lastActivityMs,
        nowMs: Date.now(),
      };
      if (shuttingDown || !isStuck(sample, 2 * watchdogIntervalMs)) return;
      logger.warn({ queue: slot.queue, waiting }, 'worker stopped consuming: recreating it');
      const old = slot.worker;
      slot.lastActivityMs = Date.now();
      slot.worker = createWorker(slot);
      void old.close(true).catch(() => undefined);
    } catch {
      // Redis is away: nothing to judge until it is back.
    }
  };

  logger.info(
    { queues: slots.map((s) => s.queue), credentials: fingerprints, concurrency, prefix: config.queuePrefix },
    'worker started',
  );

  let closing: Promise<void> | undefined;
  return {
    queues: slots.map((s) => s.queue),
    fingerprints,
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        timers.forEach(clearInterval);
        const drained = Promise.all(slots.map((s) => s.worker.close())).then(() => true);
        const deadline = options.drainTimeoutMs ?? 30_000;
        if (!(await Promise.race([drained, delay(deadline).then(() => false)]))) {
          logger.warn(
            { drainTimeoutMs: deadline },
            'drain deadline passed: aborting GitHub requests in flight',
          );
          shutdown.abort(new VitalsError('INTERNAL', 'aborted: worker shutting down'));
          if (!(await Promise.race([drained, delay(5_000).then(() => false)])))
            await Promise.all(slots.map((s) => s.worker.close(true).catch(() => undefined)));
        }
        workerConnections.forEach((c) => c.disconnect());
        await client.close();
        await ledger.close().catch(() => undefined);
        await queues.close().catch(() => undefined);
        redis.disconnect();
        await database.close();
        logger.info('worker stopped');
      })();
      return closing;
    },
  };
}

/** A worker started while PostgreSQL restarts waits for it instead of exiting. */
async function openDatabasePatiently(config: Config, logger: Logger, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(config, logger);
    } catch (err) {
      if (!isVitalsError(err, 'DB_UNAVAILABLE') || Date.now() >= deadline) throw err;
      if (attempt === 1) logger.warn({ err: { message: err.message } }, 'waiting for PostgreSQL');
      await delay(Math.min(500 * attempt, 5_000));
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
