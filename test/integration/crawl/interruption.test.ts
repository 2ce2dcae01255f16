import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import { dumpCrawledData, startCrawlFixture, type CrawlFixture } from './crawl-fixture.js';

jest.setTimeout(120_000);

const WORLD = {
  seed: 31,
  repos: 2,
  commitsPerRepo: 2200,
  issuesPerRepo: 160,
  commentsPerIssue: 3,
  users: 60,
};
const VITALS = fileURLToPath(new URL('../../../bin/vitals.js', import.meta.url));

/**
 * Kills the real `vitals crawl` process (SIGKILL: no cleanup, transactions cut mid-way) at several
 * points, re-runs it, and compares the database with an uninterrupted crawl of the same world.
 */
describe('crawl killed at any moment', () => {
  let clean: CrawlFixture;
  let killed: CrawlFixture;

  beforeAll(async () => {
    clean = await startCrawlFixture(generateWorld(WORLD));
    // A little latency so that each kill lands in the middle of a stage, not after the crawl.
    killed = await startCrawlFixture(generateWorld(WORLD), { faults: { latencyMs: 15 } });
  });
  afterAll(async () => {
    await clean?.close();
    await killed?.close();
  });

  it('ends with the same rows as an uninterrupted crawl: nothing lost, nothing doubled', async () => {
    const names = clean.sim.world.repos.map((r) => `${r.owner}/${r.name}`);
    expect((await clean.crawl(await clean.register(names))).completed).toBe(true);
    await killed.register(names);

    const killPoints: Array<[table: string, atLeast: number]> = [
      // Commits are stored 1,000 at a time: these land between a repository's batches, mid-walk.
      ['"commit"', 150],
      ['"commit"', 2500],
      ['issue', 50],
      ['issue_comment', 200],
      ['review', 1],
    ];
    for (const [table, atLeast] of killPoints) {
      const child = runCrawl(killed);
      await waitFor(async () => (await countRows(killed, table)) >= atLeast, child);
      child.kill('SIGKILL');
      const { signal } = await exited(child);
      expect(signal).toBe('SIGKILL');
    }
    const last = runCrawl(killed);
    const { code } = await exited(last);
    expect(code).toBe(0);

    expect(killed.sim.stats().violations.count).toBe(0);
    expect(await dumpCrawledData(killed.db)).toEqual(await dumpCrawledData(clean.db));
  });
});

function runCrawl(fx: CrawlFixture): ChildProcess {
  const child = spawn(process.execPath, [VITALS, 'crawl', '--all', '--concurrency', '1'], {
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DATABASE_URL: fx.pg.url,
      GITHUB_API_URL: fx.sim.url,
      GITHUB_TOKEN: fx.token,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  return child;
}

async function countRows(fx: CrawlFixture, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(table)}`.execute(fx.db);
  return rows[0]?.n ?? 0;
}

async function waitFor(condition: () => Promise<boolean>, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`crawl finished (exit ${child.exitCode}) before the kill point`);
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('kill point not reached within 60 s');
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
