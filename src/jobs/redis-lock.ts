import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Deletes the key only while it still holds our token (a lease that expired is someone else's). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Runs `work` while holding a Redis lease (SET NX PX): one holder at a time across every process of
 * the deployment. Waits up to `waitMs` for the lease; answers `undefined` without running when it
 * could not get it. The lease expires by itself if its holder dies.
 */
export async function withRedisLease<T>(
  redis: Redis,
  key: string,
  work: () => Promise<T>,
  options: { leaseMs?: number; waitMs?: number } = {},
): Promise<T | undefined> {
  const leaseMs = options.leaseMs ?? 30_000;
  const deadline = Date.now() + (options.waitMs ?? 0);
  const token = randomUUID();
  for (;;) {
    const taken = await redis.set(key, token, 'PX', leaseMs, 'NX');
    if (taken === 'OK') break;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
  }
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
