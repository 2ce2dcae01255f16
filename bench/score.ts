import type { Kysely } from 'kysely';
import { pathToFileURL } from 'node:url';
import { loadScoringConfig } from '../config/scoring/load-scoring-config.js';
import type { Database } from '../schema/database.js';
import { migrateToLatest } from '../schema/migrate.js';
import { IN_MEMORY_DATA_DIR, openPglite, openPostgres } from '../src/runtime/database.js';
import { scoreAndStoreRepositories, scoreAndStoreRepository } from '../src/runtime/score-repositories.js';
import { loadScoreInput } from '../src/store/score-input.store.js';
import { TEST_PG_ADMIN_URL, adminQuery } from '../test/support/db.js';
import { countBenchRows, generateScoreBenchData, type BenchShape } from './score-data.js';

/*
 * `npm run bench -- score`: design §9 scoring target. Generates 1,000 repositories with 5M commits
 * and 1M issues + PRs directly in a dedicated PostgreSQL database (vitals_bench_score, created and
 * dropped here), then times a full rescore (load in SQL → pure scoring → snapshot upsert, all
 * repositories, small concurrent pool) and the rescore of one repository; then the same on PGlite
 * with a tenth of the data. Targets: full ≤ 60 s on 2 cores; one repository ≤ 200 ms.
 */

const BENCH_DATABASE = 'vitals_bench_score';
const AS_OF = new Date(Date.UTC(2026, 10, 1));
const FULL: BenchShape = {
  repositories: 1_000,
  commitsPerRepo: 5_000,
  itemsPerRepo: 1_000,
  users: 20_000,
  asOf: AS_OF,
};
const SINGLE_RUNS = 7;

export async function runScoreBench(scale = 1): Promise<void> {
  const shape = { ...FULL, repositories: Math.max(1, Math.round(FULL.repositories * scale)) };
  await benchPostgres(shape);
  await benchPglite({
    ...shape,
    repositories: Math.max(1, Math.round(shape.repositories / 10)),
    users: 2_000,
  });
}

async function benchPostgres(shape: BenchShape): Promise<void> {
  await adminQuery(`drop database if exists ${BENCH_DATABASE} with (force)`);
  await adminQuery(`create database ${BENCH_DATABASE}`);
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  const opened = await openPostgres(url.toString());
  try {
    await migrateToLatest(opened.db);
    await measure('PostgreSQL', opened.db, shape);
  } finally {
    await opened.close();
    await adminQuery(`drop database if exists ${BENCH_DATABASE} with (force)`);
  }
}

async function benchPglite(shape: BenchShape): Promise<void> {
  const opened = await openPglite(IN_MEMORY_DATA_DIR);
  try {
    await migrateToLatest(opened.db);
    await measure('PGlite (in memory)', opened.db, shape);
  } finally {
    await opened.close();
  }
}

async function measure(engine: string, db: Kysely<Database>, shape: BenchShape): Promise<void> {
  const config = loadScoringConfig();
  let started = performance.now();
  const ids = await generateScoreBenchData(db, shape);
  const counts = await countBenchRows(db);
  console.log(
    `\n## ${engine}: ${ids.length} repositories, ${Object.entries(counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')} (generated in ${seconds(started)})`,
  );

  // `vitals score` adds the geography volumes (outside-China metrics, one more query per asOf).
  for (const geoMode of [undefined, 'mainland'] as const) {
    const label =
      geoMode === undefined ? 'without geography' : `with geography (${geoMode}, as vitals score does)`;
    started = performance.now();
    const outcomes = await scoreAndStoreRepositories(db, ids, { asOf: AS_OF.getTime(), config, geoMode });
    const fullSeconds = (performance.now() - started) / 1000;
    const scored = outcomes.filter((o) => o.result.health.score !== null).length;
    console.log(
      `full rescore ${label}: ${fullSeconds.toFixed(1)} s (${((fullSeconds * 1000) / ids.length).toFixed(1)} ms/repository, ${scored} scored, ${outcomes.reduce((n, o) => n + o.written, 0)} snapshots written, concurrency 3; target 60 s for 1,000)`,
    );
  }

  // Where the time goes: the SQL load alone for every repository, same pool size.
  started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (next < ids.length) await loadScoreInput(db, ids[next++]!);
    }),
  );
  console.log(`  of which loading inputs from SQL alone: ${seconds(started)} (same pool, no scoring)`);

  // Incremental: one repository after a crawl (new asOf each run, so the snapshot is written).
  const id = ids[Math.floor(ids.length / 2)]!;
  for (const geoMode of [undefined, 'mainland'] as const) {
    const times: number[] = [];
    for (let run = 0; run < SINGLE_RUNS; run += 1) {
      const t0 = performance.now();
      await scoreAndStoreRepository(db, id, { asOf: AS_OF.getTime() + run + 1, config, geoMode });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `one repository (${shape.commitsPerRepo} commits, ${shape.itemsPerRepo} issues+PRs) ${geoMode === undefined ? 'without' : 'with'} geography: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, max ${times[times.length - 1]!.toFixed(0)} ms over ${SINGLE_RUNS} runs (target 200 ms)`,
    );
  }
  await measureBackfill(db, id);
}

async function measureBackfill(db: Kysely<Database>, id: number): Promise<void> {
  const config = loadScoringConfig();
  const t0 = performance.now();
  const outcome = await scoreAndStoreRepository(db, id, {
    asOf: AS_OF.getTime(),
    config,
    backfill: true,
    geoMode: 'mainland',
  });
  console.log(
    `backfill of one repository with geography: ${outcome.snapshots} monthly snapshots in ${(performance.now() - t0).toFixed(0)} ms`,
  );
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await runScoreBench(Number(process.argv[2] ?? 1));
