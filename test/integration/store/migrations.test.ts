import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql, type Kysely } from 'kysely';
import { listPendingMigrations, migrateToLatest } from '../../../schema/migrate.js';
import { migrations } from '../../../schema/migrations/index.js';
import { isVitalsError } from '../../../src/shared/errors.js';
import {
  createTestPglite,
  createTestPostgres,
  type TestPglite,
  type TestPostgres,
} from '../../support/db.js';

// Real databases on a shared 2-core machine: PGlite alone needs seconds to boot.
jest.setTimeout(120_000);

interface ColumnInfo {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: string;
  column_default: string | null;
  is_generated: string;
}

async function describeSchema<DB>(db: Kysely<DB>) {
  const columns = await sql<ColumnInfo>`
    select table_name, column_name, data_type, udt_name, is_nullable, column_default, is_generated
    from information_schema.columns where table_schema = 'public'
    order by table_name, column_name`.execute(db);
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`.execute(db);
  const constraints = await sql<{ conname: string; def: string }>`
    select conname, pg_get_constraintdef(c.oid) as def from pg_constraint c
    join pg_namespace n on n.oid = c.connamespace
    -- PGlite (PostgreSQL 17) also lists NOT NULL as constraints; nullability is compared via columns.
    where n.nspname = 'public' and c.contype <> 'n' order by conname`.execute(db);
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

describe('migrations', () => {
  let postgres: TestPostgres;
  let pglite: TestPglite;

  beforeAll(async () => {
    [postgres, pglite] = await Promise.all([
      createTestPostgres({ migrate: false }),
      createTestPglite({ migrate: false }),
    ]);
  });
  afterAll(async () => {
    await postgres?.drop();
    await pglite?.close();
  });

  it('apply every migration on PostgreSQL and on PGlite, once', async () => {
    const all = Object.keys(migrations);
    expect(await listPendingMigrations(postgres.db)).toEqual(all);
    expect(await migrateToLatest(postgres.db)).toEqual({ applied: all, known: all });
    expect(await migrateToLatest(pglite.db)).toEqual({ applied: all, known: all });
    expect((await migrateToLatest(postgres.db)).applied).toEqual([]);
    expect((await migrateToLatest(pglite.db)).applied).toEqual([]);
    expect(await listPendingMigrations(pglite.db)).toEqual([]);
  });

  it('give the same tables, columns, types, defaults, indexes and constraints on both engines', async () => {
    const onPostgres = await describeSchema(postgres.db);
    const onPglite = await describeSchema(pglite.db);
    const tables = [...new Set(onPostgres.columns.map((c) => c.table_name))].sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        'commit',
        'contributor',
        'crawl_state',
        'github_user',
        'http_cache',
        'issue',
        'issue_comment',
        'portfolio',
        'portfolio_repository',
        'release',
        'repository',
        'repository_name',
        'review',
        'review_comment',
      ]),
    );
    expect(onPglite.columns).toEqual(onPostgres.columns);
    expect(onPglite.indexes).toEqual(onPostgres.indexes);
    expect(onPglite.constraints).toEqual(onPostgres.constraints);
    // The bulk tables' repository_id is kept by the store, not by a foreign key; the others keep theirs.
    const repositoryKeys = onPostgres.constraints
      .filter((c) => c.def.includes('REFERENCES repository(id)'))
      .map((c) => c.conname);
    expect(repositoryKeys).toEqual(
      expect.arrayContaining(['release_repository_id_fkey', 'crawl_state_repository_id_fkey']),
    );
    for (const table of ['commit', 'issue', 'issue_comment', 'review', 'review_comment'])
      expect(repositoryKeys).not.toContain(`${table}_repository_id_fkey`);
    const offset = onPostgres.columns.find((c) => c.column_name === 'author_utc_offset_minutes');
    expect(offset).toMatchObject({ table_name: 'commit', data_type: 'smallint', is_nullable: 'NO' });
  });
});

describe('a failing migration', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await createTestPostgres({ migrate: false });
  });
  afterAll(() => postgres?.drop());

  it('throws MIGRATION_FAILED naming it and leaves the database unchanged', async () => {
    // A table in the way makes the initial migration fail halfway through its statements.
    await sql`create table issue (x int)`.execute(postgres.db);
    let caught: unknown;
    try {
      await migrateToLatest(postgres.db);
    } catch (err) {
      caught = err;
    }
    expect(isVitalsError(caught, 'MIGRATION_FAILED')).toBe(true);
    expect((caught as Error).message).toContain('2026-11-29T0400_initial');
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'
        and table_name not like 'kysely_%' order by table_name`.execute(postgres.db);
    // The statements before the failing one (repository, commit, ...) were rolled back.
    expect(tables.rows.map((r) => r.table_name)).toEqual(['issue']);
  });
});
