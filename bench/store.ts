import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { parseRepoName } from '../src/shared/repo-name.js';
import type { UpsertResult } from '../src/store/bulk-upsert.js';
import { upsertCommits } from '../src/store/commit.store.js';
import { upsertIssueComments } from '../src/store/discussion.store.js';
import { upsertIssues } from '../src/store/issue.store.js';
import { registerRepositories } from '../src/store/repository.store.js';
import { upsertUserRefs, type GithubUserRef } from '../src/store/user.store.js';
import { createTestPostgres } from '../test/support/db.js';
import { makeCommit, makeIssue, makeIssueComment } from '../test/support/store-records.js';
import { postgresCpuSeconds } from './postgres-cpu.js';

/*
 * Cost per row of the bulk upsert path (src/store/bulk-upsert.ts) as the crawler uses it: 500-row
 * transactions, each also upserting the batch's authors as user refs. 20k commits, 5k issues and
 * 20k issue comments into a fresh PostgreSQL database, then the same rows again (an idle re-crawl:
 * every row unchanged). Prints rows/s, this process's CPU and the CPU of this database's PostgreSQL
 * backend (read from /proc, so other work on the machine does not blur it).
 */

const TRANSACTION_ROWS = 500;

interface Entity {
  name: string;
  count: number;
  /** Upserts rows from … to-1 (records are built beforehand, outside the measurement). */
  prepare(): (db: Kysely<Database>, repositoryId: number, from: number, to: number) => Promise<UpsertResult>;
}

const ENTITIES: readonly Entity[] = [
  {
    name: 'commits',
    count: 20_000,
    prepare() {
      const records = range(0, this.count, (i) => makeCommit(i));
      return (db, id, from, to) => upsertCommits(db, id, records.slice(from, to));
    },
  },
  {
    name: 'issues',
    count: 5_000,
    prepare() {
      const records = range(0, this.count, (i) => makeIssue(i + 1, { labels: labelsOf(i) }));
      return (db, id, from, to) => upsertIssues(db, id, records.slice(from, to));
    },
  },
  {
    name: 'issue comments',
    count: 20_000,
    prepare() {
      const records = range(0, this.count, (i) => makeIssueComment(i));
      return (db, id, from, to) => upsertIssueComments(db, id, records.slice(from, to));
    },
  },
];

export async function runStoreBench(): Promise<void> {
  const pg = await createTestPostgres();
  try {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = current_database()`.execute(pg.db);
    const pids = rows.map((r) => r.pid);
    const runs = new Map<string, Measurement[]>();
    // Each round writes a repository of its own (a fresh one for 'insert'); medians damp the noise.
    for (let round = 0; round < ROUNDS; round++) {
      const registered = await registerRepositories(pg.db, [parseRepoName(`bench/store-${round}`)]);
      const repositoryId = registered.added[0]?.id ?? 0;
      for (const phase of PHASES) {
        for (const entity of ENTITIES) {
          const label = `${phase}, ${entity.name}`;
          runs.set(label, [...(runs.get(label) ?? []), await measure(pg.db, pids, repositoryId, entity)]);
        }
      }
    }
    console.log(
      `median of ${ROUNDS} rounds; ${TRANSACTION_ROWS}-row transactions, each with its authors' user refs`,
    );
    for (const [label, measured] of runs) console.log(`${label}: ${describe(measured)}`);
  } finally {
    await pg.drop();
  }
}

const ROUNDS = 5;
const PHASES = ['insert', 'idle re-run'] as const;

interface Measurement {
  rows: number;
  seconds: number;
  clientSeconds: number;
  backendSeconds: number;
  result: UpsertResult;
}

async function measure(
  db: Kysely<Database>,
  pids: readonly number[],
  repositoryId: number,
  entity: Entity,
): Promise<Measurement> {
  const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
  const upsert = entity.prepare();
  const authors = range(0, entity.count / TRANSACTION_ROWS, (t) =>
    authorsOf(t * TRANSACTION_ROWS, (t + 1) * TRANSACTION_ROWS),
  );
  const backendBefore = postgresCpuSeconds(pids);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let from = 0; from < entity.count; from += TRANSACTION_ROWS) {
    const to = Math.min(entity.count, from + TRANSACTION_ROWS);
    const batch = await db.transaction().execute(async (trx) => {
      await upsertUserRefs(trx, authors[from / TRANSACTION_ROWS] ?? []);
      return upsert(trx, repositoryId, from, to);
    });
    result.inserted += batch.inserted;
    result.updated += batch.updated;
    result.unchanged += batch.unchanged;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return {
    rows: entity.count,
    seconds,
    clientSeconds: (used.user + used.system) / 1e6,
    backendSeconds: postgresCpuSeconds(pids) - backendBefore,
    result,
  };
}

function describe(measured: readonly Measurement[]): string {
  const median = (pick: (m: Measurement) => number) =>
    measured.map(pick).sort((a, b) => a - b)[Math.floor(measured.length / 2)] ?? Number.NaN;
  const rows = measured[0]?.rows ?? 0;
  const perRow = (pick: (m: Measurement) => number) => `${((median(pick) / rows) * 1e6).toFixed(1)} µs/row`;
  const counts = measured.map((m) => `${m.result.inserted}/${m.result.updated}/${m.result.unchanged}`);
  return (
    `${rows} rows, ${Math.round(rows / median((m) => m.seconds))} rows/s; CPU client ${perRow((m) => m.clientSeconds)}, ` +
    `PostgreSQL backend ${perRow((m) => m.backendSeconds)}; inserted/updated/unchanged ${[...new Set(counts)].join(' ')}`
  );
}

function range<T>(from: number, to: number, make: (i: number) => T): T[] {
  return Array.from({ length: to - from }, (_, k) => make(from + k));
}

function labelsOf(i: number): string[] {
  return i % 4 === 0 ? [] : i % 4 === 1 ? ['bug'] : ['bug', `area/${i % 9}`, 'good first issue'];
}

/** The authors of a batch as the crawl stages pass them: 50 distinct accounts (dev0 … dev49). */
function authorsOf(from: number, to: number): GithubUserRef[] {
  const ids = new Set(range(from, to, (i) => i % 50));
  return [...ids].map((n) => ({ id: 1000 + n, login: `dev${n}`, type: 'User' }));
}
