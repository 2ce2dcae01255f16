import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { createLogger } from '../../../src/shared/logger.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import { startCrawlFixture, type CrawlFixture } from './crawl-fixture.js';

jest.setTimeout(60_000);

/** Every table's rows as text, to search for a secret anywhere in the database. */
async function databaseText(fx: CrawlFixture): Promise<string> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public'`.execute(fx.db);
  const parts: string[] = [];
  for (const { table_name } of rows) {
    const dump = await sql.raw(`select * from "${table_name}"`).execute(fx.db);
    parts.push(JSON.stringify(dump.rows));
  }
  return parts.join('\n');
}

describe('secrets', () => {
  let fx: CrawlFixture;
  const logs: string[] = [];
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );

  beforeAll(async () => {
    fx = await startCrawlFixture(
      generateWorld({ seed: 3, repos: 2, commitsPerRepo: 120, issuesPerRepo: 40, users: 30 }),
      {
        faults: { seed: 9, error5xxRate: 0.15, dropRate: 0.03 },
      },
    );
  });
  afterAll(async () => fx?.close());

  it('never writes the token to logs, errors, crawl summaries or the database', async () => {
    const ids = await fx.register(fx.sim.world.repos.map((r) => `${r.owner}/${r.name}`));
    const ok = await fx.crawl(ids, logger);
    expect(ok.completed).toBe(true);
    // Now the token is revoked: every request fails with 401 and errors are recorded everywhere.
    fx.sim.configure({ rejectTokens: [fx.token] });
    const failed = await fx.crawl(ids, logger);
    expect(failed.completed).toBe(false);
    expect(failed.repositories[0]?.failures[0]?.code).toBe('GH_AUTH_FAILED');

    expect(logs.length).toBeGreaterThan(10);
    const everything = [
      logs.join(''),
      JSON.stringify(failed),
      JSON.stringify(ok),
      await databaseText(fx),
    ].join('\n');
    expect(everything).toContain('GH_AUTH_FAILED');
    expect(everything).not.toContain(fx.token);
    expect(everything).not.toContain(fx.token.slice(-16));
  });
});
