import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../config/load-config.js';
import type { Database } from '../schema/database.js';
import { crawlInProcess } from '../src/cli/crawl-session.js';
import { createLogger, silentLogger } from '../src/shared/logger.js';
import { parseRepoName } from '../src/shared/repo-name.js';
import { startSimulator } from '../src/sim/index.js';
import { generateWorld } from '../src/sim/worlds/index.js';
import type { World } from '../src/sim/world.js';
import { registerRepositories } from '../src/store/repository.store.js';
import { createTestPostgres, type TestPostgres } from '../test/support/db.js';
import { MEDIUM_WORLD } from './crawl-worlds.js';
import { postgresCpuSeconds } from './postgres-cpu.js';

/*
 * Crawler benchmarks (issue 3): API efficiency against design §4's lower bound, ingest rate into
 * PostgreSQL (and its ratio to COPY), and peak RSS crawling a very large repository. Each uses a
 * fresh `vitals_t_*` PostgreSQL database (VITALS_TEST_PG_URL) and a simulator over real HTTP.
 * BENCH_LOG=debug logs the crawl on stderr (each stage's "stage done" line carries its duration).
 */

export async function runCrawlEfficiencyBench(): Promise<void> {
  const world = generateWorld(MEDIUM_WORLD);
  const sim = await startSimulator({ world });
  const pg = await createTestPostgres();
  try {
    const { seconds, rows } = await crawlAll(sim, pg, namesOf(world));
    const stats = sim.stats();
    const lb = await lowerBound(pg.db);
    const spent = stats.budgetSpent.core + stats.budgetSpent.graphql;
    console.log(`world: ${describeWorld(world)}`);
    console.log(`lower bound (design §4): ${lb.total}  ${JSON.stringify(lb.terms)}`);
    console.log(
      `budget spent: core ${stats.budgetSpent.core} + graphql ${stats.budgetSpent.graphql} = ${spent}; HTTP requests ${stats.requests}`,
    );
    console.log(`efficiency: spent / LB = ${(spent / lb.total).toFixed(3)} (target ≤ 1.15)`);
    console.log(`crawl: ${rows} rows in ${seconds.toFixed(1)} s`);
    sim.resetStats();
    await crawlAll(sim, pg, namesOf(world));
    const idle = sim.stats();
    console.log(
      `idle re-crawl: budget spent core ${idle.budgetSpent.core} graphql ${idle.budgetSpent.graphql}; ${idle.notModified} of ${idle.requests} requests answered 304 (target ≈ 0 spent)`,
    );
  } finally {
    await pg.drop();
    await sim.close();
  }
}

/**
 * Ingest rate of the crawling process. The simulator runs in a child process (BENCH_WORLD=medium),
 * so its CPU is not the crawler's; its CPU per request is printed alongside. The same world is
 * crawled several times, each time into a fresh database: the first crawl is a cold process (modules
 * load and JIT-compile while it runs), the following ones (BENCH_STEADY_RUNS, default 3) the steady
 * state of a long-running worker, reported one by one and by their median (the target's measure),
 * since a 2-core machine shared by three busy processes varies from run to run. Each crawl has a token
 * of its own. BENCH_PROFILE_DIR=dir writes V8 CPU profiles
 * of the crawler (during the last crawl) and of the simulator (its whole life).
 */
export async function runIngestBench(): Promise<void> {
  const profileDir = process.env['BENCH_PROFILE_DIR'];
  const steadyRuns = Math.max(1, Number(process.env['BENCH_STEADY_RUNS'] ?? 3));
  const server = await spawnSimulator({ BENCH_WORLD: 'medium' }, profileDir);
  try {
    console.log(`world: ${describeWorld(generateWorld(MEDIUM_WORLD))}`);
    const target = '(target ≥ 20,000; zero-latency simulator in its own process)';
    const cold = await measureIngest(server);
    // Not the target's measure: both processes still load, JIT-compile and fill the simulator's caches.
    console.log(`first crawl (cold crawler and simulator processes): ${describeIngest(cold)}`);
    console.log(`  ${describeCpu(cold)}`);
    const steady: IngestMeasure[] = [];
    for (let run = 1; run <= steadyRuns; run++) {
      const m = await measureIngest(server, run === steadyRuns ? profileDir : undefined);
      steady.push(m);
      console.log(`steady-state crawl ${run} of ${steadyRuns}: ${describeIngest(m)}`);
      console.log(`  ${describeCpu(m)}`);
    }
    // Fastest first; with an even count, the lower of the two middle runs.
    const byRate = [...steady].sort((a, b) => b.rows / b.seconds - a.rows / a.seconds);
    const median = byRate[steadyRuns >> 1]!;
    console.log(`steady state, median of ${steadyRuns}: ${describeIngest(median)} ${target}`);
    const pg = await createTestPostgres();
    try {
      await crawlAll(server, pg, [server.fullName], newBenchToken());
      const copy = await copyRate(pg.db);
      console.log(
        `COPY of the same rows: ${copy.rows} rows in ${copy.seconds.toFixed(2)} s = ${Math.round(copy.rows / copy.seconds)} rows/s`,
      );
      console.log(
        `ratio crawl ÷ COPY (steady-state median): ${(median.rows / median.seconds / (copy.rows / copy.seconds)).toFixed(3)}`,
      );
    } finally {
      await pg.drop();
    }
  } finally {
    server.close();
  }
}

function describeIngest(m: IngestMeasure): string {
  return `${m.rows} rows in ${m.seconds.toFixed(2)} s = ${Math.round(m.rows / m.seconds)} rows/s`;
}

function describeCpu(m: IngestMeasure): string {
  const perRequest = ((m.serverCpu * 1000) / Math.max(1, m.requests)).toFixed(1);
  const pg = Number.isNaN(m.pgCpu) ? 'n/a' : `${m.pgCpu.toFixed(1)} s`;
  return `CPU: crawler ${m.crawlerCpu.toFixed(1)} s; simulator ${m.serverCpu.toFixed(1)} s for ${m.requests} requests = ${perRequest} ms per request; PostgreSQL ${pg} (all its processes on this machine)`;
}

interface IngestMeasure {
  rows: number;
  seconds: number;
  /** CPU seconds of this (crawling) process, the simulator process and PostgreSQL. */
  crawlerCpu: number;
  serverCpu: number;
  pgCpu: number;
  requests: number;
}

/** One crawl of the simulator's repository into a fresh database, with the CPU each process spent. */
async function measureIngest(server: SimulatorProcess, profileDir?: string): Promise<IngestMeasure> {
  const pg = await createTestPostgres();
  try {
    const profiler = profileDir ? await startProfiler() : undefined;
    const before = await server.usage();
    const pgBefore = postgresCpuSeconds();
    const cpu = process.cpuUsage();
    // A token of its own: crawls in a row with one token would meet the simulator's secondary limit
    // (900 REST points a minute, as GitHub's) and wait out its retry-after.
    const { seconds, rows } = await crawlAll(server, pg, [server.fullName], newBenchToken());
    const crawlerCpu = process.cpuUsage(cpu);
    const pgCpu = postgresCpuSeconds() - pgBefore;
    const after = await server.usage();
    if (profiler && profileDir) await profiler.stop(join(profileDir, 'crawler.cpuprofile'));
    return {
      rows,
      seconds,
      crawlerCpu: (crawlerCpu.user + crawlerCpu.system) / 1e6,
      serverCpu: (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6,
      pgCpu,
      requests: after.requests - before.requests,
    };
  } finally {
    await pg.drop();
  }
}

/** A V8 CPU profile of this process from now until stop(file). */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

interface SimulatorProcess {
  url: string;
  fullName: string;
  /** CPU time of the simulator process so far and the requests it served. */
  usage(): Promise<{ cpu: NodeJS.CpuUsage; requests: number }>;
  close(): void;
}

/** The simulator of bench/crawl-sim-server.ts in a child process. */
async function spawnSimulator(env: Record<string, string>, profileDir?: string): Promise<SimulatorProcess> {
  // The simulator's profile covers its whole life (world generation too); it is written when it exits.
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const server = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', fileURLToPath(new URL('./crawl-sim-server.ts', import.meta.url))],
    // graphql-js skips its development-mode checks in production (it is a server here, not under test).
    { env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const [line] = (await once(server.stdout!, 'data')) as [Buffer];
  const { url, fullName } = JSON.parse(String(line)) as { url: string; fullName: string };
  return {
    url,
    fullName,
    async usage() {
      const reply = once(server, 'message') as Promise<
        [{ cpu: NodeJS.CpuUsage; stats: { requests: number } }]
      >;
      server.send('cpu');
      const [{ cpu, stats }] = await reply;
      return { cpu, requests: stats.requests };
    },
    close: () => void server.kill('SIGTERM'),
  };
}

/**
 * Peak RSS of this (crawling) process on one huge repository. The simulator runs in a child process so
 * its world (held in memory) is not counted. BENCH_COMMITS overrides the size (default 1,000,000).
 */
export async function runMemoryBench(): Promise<void> {
  const commits = Number(process.env['BENCH_COMMITS'] ?? 1_000_000);
  const server = await spawnSimulator({ BENCH_COMMITS: String(commits) });
  const { url, fullName } = server;
  try {
    const pg = await createTestPostgres();
    try {
      await registerRepositories(pg.db, [parseRepoName(fullName)]);
      const ids = (await pg.db.selectFrom('repository').select('id').execute()).map((r) => r.id);
      const config = loadConfig({ env: { GITHUB_API_URL: url, GITHUB_TOKEN: benchToken() } });
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      const started = Date.now();
      const summary = await crawlInProcess(config, pg.db, silentLogger, ids, { progress: false });
      clearInterval(sampler);
      const stored = await sql<{ n: number }>`select count(*)::int as n from "commit"`.execute(pg.db);
      console.log(
        `repository of ${commits} commits: ${stored.rows[0]?.n} stored, state ${summary.repositories[0]?.state}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      console.log(
        `peak RSS of the crawling process: ${(peak / 1024 / 1024).toFixed(0)} MB (target ≤ 300 MB)`,
      );
    } finally {
      await pg.drop();
    }
  } finally {
    server.close();
  }
}

async function crawlAll(
  sim: { url: string },
  pg: TestPostgres,
  fullNames: readonly string[],
  githubToken = benchToken(),
): Promise<{ seconds: number; rows: number }> {
  const registered = await registerRepositories(
    pg.db,
    fullNames.map((name) => parseRepoName(name)),
  );
  const ids = [...registered.added, ...registered.existing].map((r) => r.id);
  const config = loadConfig({ env: { GITHUB_API_URL: sim.url, GITHUB_TOKEN: githubToken } });
  const started = process.hrtime.bigint();
  const summary = await crawlInProcess(config, pg.db, benchLogger(), ids, { progress: false });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = summary.repositories.reduce((sum, r) => sum + r.stages.reduce((s, x) => s + x.rows, 0), 0);
  return { seconds, rows };
}

function benchLogger() {
  const level = process.env['BENCH_LOG'];
  return level ? createLogger(level) : silentLogger;
}

let token: string | undefined;
function benchToken(): string {
  token ??= newBenchToken();
  return token;
}

function newBenchToken(): string {
  return `bench-${randomBytes(12).toString('hex')}`;
}

async function lowerBound(db: Kysely<Database>) {
  const { rows } = await sql<Record<string, number>>`
    select (select count(*) from "commit")::int as c,
           (select count(*) from issue)::int as i,
           (select count(*) from issue_comment)::int as ic,
           (select count(*) from review_comment)::int as rc,
           (select count(*) from issue where is_pull_request)::int as p,
           (select count(*) from contributor)::int as k,
           (select count(*) from github_user where observed_at is not null)::int as u,
           (select count(*) from release)::int as rel`.execute(db);
  const n = rows[0] ?? {};
  const up = (x: number | undefined, per: number) => Math.ceil((x ?? 0) / per);
  const terms = {
    repo: 1,
    commits: up(n['c'], 100),
    issues: up(n['i'], 100),
    issueComments: up(n['ic'], 100),
    reviewComments: up(n['rc'], 100),
    pullRequests: up(n['p'], 50),
    contributors: up(n['k'], 100),
    users: up(n['u'], 100),
    releases: up(n['rel'], 100),
  };
  return { terms, total: Object.values(terms).reduce((a, b) => a + b, 0) };
}

/** COPY the crawled rows out and back into empty twins of their tables, timing the load. */
async function copyRate(db: Kysely<Database>): Promise<{ rows: number; seconds: number }> {
  const tables = [
    'commit',
    'issue',
    'issue_comment',
    'review',
    'review_comment',
    'release',
    'contributor',
    'github_user',
  ];
  let rows = 0;
  let seconds = 0;
  for (const table of tables) {
    const file = `/tmp/vitals-bench-${randomBytes(4).toString('hex')}-${table}.copy`;
    await sql.raw(`copy "${table}" to '${file}'`).execute(db);
    await sql.raw(`create table "copy_${table}" (like "${table}" including all)`).execute(db);
    const started = process.hrtime.bigint();
    await sql.raw(`copy "copy_${table}" from '${file}'`).execute(db);
    seconds += Number(process.hrtime.bigint() - started) / 1e9;
    const { rows: counted } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(`copy_${table}`)}`.execute(db);
    rows += counted[0]?.n ?? 0;
  }
  return { rows, seconds };
}

function namesOf(world: World): string[] {
  return world.repos.map((r) => `${r.owner}/${r.name}`);
}

function describeWorld(world: World): string {
  const repo = world.repos[0];
  if (!repo) return 'empty';
  return `${world.repos.length} repo(s); first: ${repo.commits.length} commits, ${repo.issues.length} issues+PRs, ${repo.issueComments.length} issue comments, ${repo.reviews.length} reviews, ${repo.reviewComments.length} review comments, ${repo.releases.length} releases; ${world.users.length} users`;
}
