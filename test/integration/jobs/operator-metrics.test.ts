import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { buildOperatorApp } from '../../../src/http/operator-app.js';
import { createJobQueues, type JobQueues } from '../../../src/jobs/job-queues.js';
import { createOperatorMetrics } from '../../../src/jobs/operator-metrics.js';
import { crawlStageQueue } from '../../../src/jobs/queue-names.js';
import { listQueueStatus } from '../../../src/jobs/queue-status.js';
import { deleteKeys, randomPrefix, TEST_REDIS_URL } from './jobs-fixture.js';

// Over a real socket: fastify's `inject` (light-my-request) loads an ESM-only `cookie` that jest's
// CommonJS loader cannot require on Node 20.
describe('/metrics for operators (real Redis, HTTP)', () => {
  const prefix = randomPrefix();
  let redis: Redis;
  let queues: JobQueues;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queues = createJobQueues(redis, prefix);
    const stage = queues.queue(crawlStageQueue('abc123def456'));
    await stage.add('commits', { n: 1 }, { jobId: 'a' });
    await stage.add('issues', { n: 2 }, { jobId: 'b' });
    await stage.add('users', { n: 3 }, { jobId: 'c', delay: 60_000 });
  });
  afterAll(async () => {
    await queues.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  it('reports queue depth and age and the budget per credential fingerprint', async () => {
    const metrics = createOperatorMetrics(async () => ({
      credentials: [
        {
          fingerprint: 'abc123def456',
          blockedUntil: null,
          resources: [
            {
              resource: 'core',
              limit: 5000,
              remaining: 4321,
              resetAt: '2026-11-29T05:00:00.000Z',
              inFlight: 0,
            },
          ],
        },
      ],
      queues: await listQueueStatus(queues, ['abc123def456'], Date.now() + 5_000),
    }));
    const app = buildOperatorApp({ metrics });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const body = await response.text();
    expect(body).toContain('vitals_queue_jobs{queue="crawl-stage-abc123def456",state="waiting"} 2');
    expect(body).toContain('vitals_queue_jobs{queue="crawl-stage-abc123def456",state="delayed"} 1');
    expect(body).toMatch(/vitals_queue_oldest_waiting_seconds\{queue="crawl-stage-abc123def456"\} [5-9]/);
    expect(body).toContain('vitals_queue_jobs{queue="crawl-repository",state="waiting"} 0');
    expect(body).toContain('vitals_queue_jobs{queue="analyse-repository",state="waiting"} 0');
    expect(body).toContain('vitals_queue_jobs{queue="crawl-schedule",state="waiting"} 0');
    expect(body).toContain('vitals_github_budget_remaining{credential="abc123def456",resource="core"} 4321');
    expect(body).toContain(
      'vitals_github_budget_reset_timestamp_seconds{credential="abc123def456",resource="core"} 1795928400',
    );
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
    await app.close();
  });
});
