import { Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { BudgetSnapshot } from '../github/index.js';
import type { QueueStatus } from './queue-status.js';
import { JOB_DURATION_BUCKETS, type WorkerMetricsSnapshot } from './worker-metrics.js';

export interface OperatorSnapshot {
  readonly credentials: readonly BudgetSnapshot[];
  readonly queues: readonly QueueStatus[];
  /** Totals the workers wrote to Redis (worker-metrics.ts); absent = none reported. */
  readonly workers?: WorkerMetricsSnapshot;
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
  // One gauge per budget figure, labelled by credential fingerprint and resource; null = unknown.
  const budgetGauge = (
    name: string,
    help: string,
    valueOf: (r: BudgetSnapshot['resources'][number]) => number | null,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['credential', 'resource'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const c of (await snapshot()).credentials)
          for (const r of c.resources) {
            const value = valueOf(r);
            if (value !== null) this.set({ credential: c.fingerprint, resource: r.resource }, value);
          }
      },
    });
  budgetGauge(
    'vitals_github_budget_remaining',
    'Requests (REST) or points (GraphQL) left in the current window, per credential fingerprint',
    (r) => r.remaining,
  );
  budgetGauge(
    'vitals_github_budget_limit',
    'Window limit per credential fingerprint and resource',
    (r) => r.limit,
  );
  budgetGauge(
    'vitals_github_budget_reset_timestamp_seconds',
    'When the window of a credential and resource resets (Unix seconds)',
    (r) => (r.resetAt ? Date.parse(r.resetAt) / 1000 : null),
  );
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
  new Counter({
    name: 'vitals_rows_upserted',
    help: 'Rows written by crawl stages since the counters were created, per stage',
    labelNames: ['stage'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await snapshot()).workers?.rowsUpserted ?? []) this.inc({ stage: r.stage }, r.rows);
    },
  });
  new Counter({
    name: 'vitals_github_refused_responses',
    help: 'GitHub 403 and 429 answers (rate limits, abuse detection, forbidden) per credential fingerprint',
    labelNames: ['credential', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await snapshot()).workers?.githubRefusals ?? [])
        this.inc({ credential: r.credential, status: r.status }, r.count);
    },
  });
  registry.registerMetric(jobDurationHistogram(snapshot) as unknown as Metric);
  return registry;
}

/**
 * The workers keep the buckets in Redis, so this histogram is not observed here: a metric object
 * in prom-client's `get()` shape that hands the stored buckets to the registry's formatter.
 */
function jobDurationHistogram(snapshot: () => Promise<OperatorSnapshot>) {
  const name = 'vitals_job_duration_seconds';
  return {
    name,
    help: 'How long jobs ran, per queue and outcome (completed, failed, rate-limited, given-back)',
    type: 'histogram',
    async get() {
      const values = [];
      for (const s of (await snapshot()).workers?.jobDurations ?? []) {
        const labels = { queue: s.queue, outcome: s.outcome };
        JOB_DURATION_BUCKETS.forEach((le, i) =>
          values.push({ metricName: `${name}_bucket`, labels: { ...labels, le }, value: s.buckets[i] ?? 0 }),
        );
        values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: s.count });
        values.push({ metricName: `${name}_sum`, labels, value: s.sumSeconds });
        values.push({ metricName: `${name}_count`, labels, value: s.count });
      }
      return { name, help: this.help, type: this.type, values, aggregator: 'sum' };
    },
  };
}
