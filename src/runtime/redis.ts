import { Redis } from 'ioredis';
import type { Config } from '../../config/load-config.js';
import { createJobQueues, type JobQueues } from '../jobs/job-queues.js';
import { VitalsError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { redactText } from '../shared/redact.js';

export type RedisRole =
  /** Workers and queue-event listeners: blocking commands must wait through a reconnect. */
  | 'worker'
  /** Producers (CLI, API): a command fails fast while Redis is away instead of hanging a request. */
  | 'producer';

/**
 * An ioredis connection as BullMQ requires it (docs.bullmq.io "Going to production"): workers use
 * `maxRetriesPerRequest: null` so a Redis restart never fails their blocking commands, and every
 * connection reconnects forever with a capped delay. Errors go to the log (an unhandled ioredis
 * `error` event would otherwise only print to stderr).
 */
export function createRedis(url: string, role: RedisRole, logger: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    retryStrategy: (attempt) => Math.min(200 * 2 ** Math.min(attempt, 6), 5_000),
    lazyConnect: false,
  });
  let lastMessage = '';
  redis.on('error', (err: Error) => {
    // A down Redis repeats the same error on every retry: log each distinct message once.
    const message = redactText(err.message);
    if (message === lastMessage) return;
    lastMessage = message;
    logger.warn({ err: { message } }, 'redis connection error');
  });
  redis.on('ready', () => (lastMessage = ''));
  return redis;
}

/** Where Redis is, for messages: `host:port`, never a password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return 'redis';
  }
}

/**
 * BullMQ loses jobs when Redis evicts keys: `maxmemory-policy` must be `noeviction` ("the only
 * setting that guarantees the correct behavior of the queues"). Managed services sometimes forbid
 * CONFIG GET; then we say we could not check.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | undefined> {
  let policy: string | undefined;
  try {
    const answer = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = answer[1];
  } catch (err) {
    logger.warn(
      { err: { message: redactText((err as Error).message) } },
      'could not read Redis maxmemory-policy (CONFIG GET refused): make sure it is noeviction',
    );
    return undefined;
  }
  if (policy !== 'noeviction')
    logger.error(
      { maxmemoryPolicy: policy },
      `Redis maxmemory-policy is ${policy}, not noeviction: under memory pressure Redis will delete queue keys and jobs will be lost. Set "maxmemory-policy noeviction" (redis.conf or CONFIG SET)`,
    );
  return policy;
}

/** Connects and pings, or fails with a clear message (commands that need Redis call this first). */
export async function pingRedis(redis: Redis, url: string): Promise<void> {
  try {
    await redis.ping();
  } catch (err) {
    throw new VitalsError(
      'REDIS_UNAVAILABLE',
      `Cannot reach Redis at ${describeRedisUrl(url)}: ${redactText((err as Error).message)}`,
      { where: describeRedisUrl(url) },
    );
  }
}

/**
 * For commands that enqueue or inspect (crawl, schedule, status): a producer connection and the
 * queue handles of this deployment's prefix, closed after `work` so the process exits by itself.
 */
export async function withJobQueues<T>(
  config: Pick<Config, 'redisUrl' | 'queuePrefix'>,
  logger: Logger,
  work: (queues: JobQueues) => Promise<T>,
): Promise<T> {
  if (!config.redisUrl)
    throw new VitalsError('CONFIG_INVALID', 'This needs REDIS_URL (redis://HOST:PORT)', { key: 'REDIS_URL' });
  const redis = createRedis(config.redisUrl, 'producer', logger);
  const queues = createJobQueues(redis, config.queuePrefix);
  try {
    await pingRedis(redis, config.redisUrl);
    return await work(queues);
  } finally {
    await queues.close().catch(() => undefined);
    redis.disconnect();
  }
}
