import type { Redis } from 'ioredis';

/**
 * Counters that workers write to Redis and `vitals serve` reads on each scrape: workers run in
 * other processes than the server, so the totals live in three small hashes under the queue
 * prefix. A few HINCRBY per job or per refused GitHub request — cheap next to the job itself.
 */

/** Upper bounds (seconds) of the job-duration buckets: jobs last from milliseconds to many minutes. */
export const JOB_DURATION_BUCKETS: readonly number[] = [0.05, 0.25, 1, 5, 15, 60, 300, 1800];

export type JobOutcome = 'completed' | 'failed' | 'rate-limited' | 'given-back';

export interface WorkerMetricsRecorder {
  jobDone(queue: string, outcome: JobOutcome, durationMs: number): void;
  rowsUpserted(stage: string, rows: number): void;
  githubRefused(fingerprint: string, status: number): void;
}

export interface JobDurationSeries {
  readonly queue: string;
  readonly outcome: string;
  /** Cumulative counts, one per JOB_DURATION_BUCKETS entry (Prometheus `le` semantics). */
  readonly buckets: readonly number[];
  readonly count: number;
  readonly sumSeconds: number;
}

export interface WorkerMetricsSnapshot {
  readonly jobDurations: readonly JobDurationSeries[];
  readonly rowsUpserted: readonly { stage: string; rows: number }[];
  readonly githubRefusals: readonly { credential: string; status: string; count: number }[];
}

const keys = (prefix: string) => ({
  jobs: `${prefix}:vitals-metrics:job-durations`,
  rows: `${prefix}:vitals-metrics:rows-upserted`,
  refusals: `${prefix}:vitals-metrics:github-refusals`,
});

/** Field separator: queue names, stages and fingerprints never contain it. */
const SEP = '|';

/** Metrics never fail a job: a write that cannot reach Redis is dropped (reported once via onError). */
export function createWorkerMetricsRecorder(
  redis: Redis,
  prefix: string,
  onError: (err: Error) => void = () => undefined,
): WorkerMetricsRecorder {
  const k = keys(prefix);
  const send = (write: Promise<unknown>) => void write.catch(onError);
  return {
    jobDone(queue, outcome, durationMs) {
      const seconds = Math.max(0, durationMs) / 1000;
      const series = `${queue}${SEP}${outcome}`;
      const pipeline = redis.pipeline();
      // Only the first bucket that holds the value is incremented; the reader accumulates.
      const bucket = JOB_DURATION_BUCKETS.findIndex((le) => seconds <= le);
      pipeline.hincrby(k.jobs, `${series}${SEP}${bucket === -1 ? '+Inf' : bucket}`, 1);
      pipeline.hincrby(k.jobs, `${series}${SEP}count`, 1);
      pipeline.hincrbyfloat(k.jobs, `${series}${SEP}sum`, seconds);
      send(pipeline.exec());
    },
    rowsUpserted(stage, rows) {
      if (rows > 0) send(redis.hincrby(k.rows, stage, rows));
    },
    githubRefused(fingerprint, status) {
      send(redis.hincrby(k.refusals, `${fingerprint}${SEP}${status}`, 1));
    },
  };
}

export async function readWorkerMetrics(redis: Redis, prefix: string): Promise<WorkerMetricsSnapshot> {
  const k = keys(prefix);
  const [jobs, rows, refusals] = await Promise.all([
    redis.hgetall(k.jobs),
    redis.hgetall(k.rows),
    redis.hgetall(k.refusals),
  ]);
  const series = new Map<string, { perBucket: number[]; count: number; sum: number }>();
  for (const [field, value] of Object.entries(jobs)) {
    const parts = field.split(SEP);
    const slot = parts.pop() ?? '';
    const name = parts.join(SEP);
    const entry = series.get(name) ?? { perBucket: JOB_DURATION_BUCKETS.map(() => 0), count: 0, sum: 0 };
    series.set(name, entry);
    if (slot === 'count') entry.count = Number(value);
    else if (slot === 'sum') entry.sum = Number(value);
    else if (slot !== '+Inf') entry.perBucket[Number(slot)] = Number(value);
  }
  const jobDurations = [...series.entries()].sort().map(([name, e]) => {
    const [queue = '', outcome = ''] = name.split(SEP);
    let running = 0;
    const buckets = e.perBucket.map((n) => (running += n));
    return { queue, outcome, buckets, count: e.count, sumSeconds: e.sum };
  });
  return {
    jobDurations,
    rowsUpserted: Object.entries(rows)
      .sort()
      .map(([stage, n]) => ({ stage, rows: Number(n) })),
    githubRefusals: Object.entries(refusals)
      .sort()
      .map(([field, n]) => {
        const [credential = '', status = ''] = field.split(SEP);
        return { credential, status, count: Number(n) };
      }),
  };
}
