import { Gauge, Registry } from 'prom-client';
import type { BudgetSnapshot } from '../github/index.js';
import type { QueueStatus } from './queue-status.js';

export interface OperatorSnapshot {
  readonly credentials: readonly BudgetSnapshot[];
  readonly queues: readonly QueueStatus[];
}

/**
 * Prometheus view of the shared state every worker writes to Redis: GitHub budget per credential
 * (fingerprint only) and queue depth and age. Collected on each scrape from `read()`, so any
 * process with REDIS_URL can serve it and all replicas report the same numbers.
 */
export function createOperatorMetrics(read: () => Promise<OperatorSnapshot>): Registry {
  const registry = new Registry();
  let pending: Promise<OperatorSnapshot> | undefined;
  // One read per scrape, shared by the gauges' collect callbacks.
  const snapshot = () => (pending ??= read().finally(() => setTimeout(() => (pending = undefined), 0)));
  new Gauge({
    name: 'vitals_github_budget_remaining',
    help: 'Requests (REST) or points (GraphQL) left in the current window, per credential fingerprint',
    labelNames: ['credential', 'resource'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of (await snapshot()).credentials)
        for (const r of c.resources)
          if (r.remaining !== null)
            this.set({ credential: c.fingerprint, resource: r.resource }, r.remaining);
    },
  });
  new Gauge({
    name: 'vitals_github_budget_limit',
    help: 'Window limit per credential fingerprint and resource',
    labelNames: ['credential', 'resource'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of (await snapshot()).credentials)
        for (const r of c.resources)
          if (r.limit !== null) this.set({ credential: c.fingerprint, resource: r.resource }, r.limit);
    },
  });
  new Gauge({
    name: 'vitals_github_budget_reset_timestamp_seconds',
    help: 'When the window of a credential and resource resets (Unix seconds)',
    labelNames: ['credential', 'resource'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of (await snapshot()).credentials)
        for (const r of c.resources)
          if (r.resetAt)
            this.set({ credential: c.fingerprint, resource: r.resource }, Date.parse(r.resetAt) / 1000);
    },
  });
  new Gauge({
    name: 'vitals_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of (await snapshot()).queues) {
        this.set({ queue: q.queue, state: 'waiting' }, q.waiting);
        this.set({ queue: q.queue, state: 'active' }, q.active);
        this.set({ queue: q.queue, state: 'delayed' }, q.delayed);
        this.set({ queue: q.queue, state: 'failed' }, q.failed);
        this.set({ queue: q.queue, state: 'waiting-children' }, q.waitingChildren);
      }
    },
  });
  new Gauge({
    name: 'vitals_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting to run (0 when none waits)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of (await snapshot()).queues) this.set({ queue: q.queue }, q.oldestWaitingAgeSeconds ?? 0);
    },
  });
  new Gauge({
    name: 'vitals_queue_rate_limited_seconds',
    help: 'Seconds left of a rate-limit pause on the queue (an exhausted credential)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of (await snapshot()).queues) this.set({ queue: q.queue }, q.rateLimitedForMs / 1000);
    },
  });
  return registry;
}
