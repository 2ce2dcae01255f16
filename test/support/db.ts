import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../schema/database.js';
import { migrateToLatest } from '../../schema/migrate.js';
import { IN_MEMORY_DATA_DIR, openPglite, openPostgres } from '../../src/runtime/database.js';

/*
 * Databases for tests — real engines, never mocks.
 *
 *   const pgdb = await createTestPostgres();   // fresh `vitals_t_<random>` on the test server, migrated
 *   afterAll(() => pgdb.drop());               // closes the pool and drops the database
 *
 *   const lite = await createTestPglite();     // in-memory PGlite, migrated (~3 s to boot)
 *   afterAll(() => lite.close());
 *
 * The PostgreSQL admin URL comes from VITALS_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
 * Pass `{ migrate: false }` to get an empty database (migration tests).
 *
 * To run one suite on both engines:
 *   describe.each(TEST_ENGINES)('… on %s', (engine) => {
 *     let test: TestDatabase;
 *     beforeAll(async () => { test = await createTestDatabase(engine); });
 *     afterAll(() => test?.close());
 *   });
 */

export const TEST_PG_ADMIN_URL =
  process.env['VITALS_TEST_PG_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabaseOptions {
  /** Run all migrations before returning (default true). */
  migrate?: boolean;
}

export interface TestPostgres {
  /** Connection string of the fresh database (e.g. for DATABASE_URL of a spawned CLI). */
  url: string;
  name: string;
  db: Kysely<Database>;
  /** Closes `db` and drops the database (terminating any connection left to it). */
  drop(): Promise<void>;
}

export interface TestPglite {
  db: Kysely<Database>;
  close(): Promise<void>;
}

export async function createTestPostgres(options: TestDatabaseOptions = {}): Promise<TestPostgres> {
  const name = `vitals_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = withDatabase(TEST_PG_ADMIN_URL, name);
  const opened = await openPostgres(url);
  if (options.migrate !== false) await migrateToLatest(opened.db);
  let dropped = false;
  return {
    url,
    name,
    db: opened.db,
    async drop() {
      if (dropped) return;
      dropped = true;
      await opened.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

export async function createTestPglite(options: TestDatabaseOptions = {}): Promise<TestPglite> {
  const opened = await openPglite(IN_MEMORY_DATA_DIR);
  if (options.migrate !== false) await migrateToLatest(opened.db);
  return { db: opened.db, close: () => opened.close() };
}

export type TestEngine = 'postgres' | 'pglite';
export const TEST_ENGINES: readonly TestEngine[] = ['postgres', 'pglite'];

export interface TestDatabase {
  engine: TestEngine;
  db: Kysely<Database>;
  /** Closes (and for PostgreSQL drops) the database. */
  close(): Promise<void>;
}

export async function createTestDatabase(
  engine: TestEngine,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (engine === 'postgres') {
    const test = await createTestPostgres(options);
    return { engine, db: test.db, close: test.drop };
  }
  const test = await createTestPglite(options);
  return { engine, db: test.db, close: test.close };
}

/** Runs one statement on the admin database (create/drop database cannot run in a pool transaction). */
export async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
