import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../schema/database.js';
import { migrateToLatest, type MigrationReport } from '../../schema/migrate.js';
import { VitalsError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { redactText } from '../shared/redact.js';
import { acquireDataDirLock } from './data-dir-lock.js';

/** PGlite's in-memory mode; as `VITALS_DATA_DIR` it gives a throw-away embedded database (tests). */
export const IN_MEMORY_DATA_DIR = 'memory://';

/** Where PGlite keeps its files inside VITALS_DATA_DIR (the lock file sits beside it). */
const PGLITE_SUBDIR = 'pgdata';

const INT8_OID = 20;

export type DatabaseKind = 'postgres' | 'pglite';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** Human description for logs and messages, without credentials. */
  readonly where: string;
  /** Migrations applied while opening (empty when the schema was current or `migrate: false`). */
  readonly migration: MigrationReport | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Bring the schema to the latest migration before returning (default true). */
  migrate?: boolean;
}

/**
 * Opens the database of design §2: PostgreSQL when `DATABASE_URL` is set, else PGlite in
 * `VITALS_DATA_DIR` guarded by a lock file. Verifies the connection before returning, and by default
 * migrates to the latest schema, so every command sees the schema it was written for.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
  options: OpenDatabaseOptions = {},
): Promise<OpenDatabase> {
  const opened = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir);
  try {
    const migration = options.migrate === false ? undefined : await migrateToLatest(opened.db);
    if (migration && migration.applied.length > 0) {
      logger.info({ applied: migration.applied, database: opened.where }, 'migrations applied');
    }
    return { ...opened, migration };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

type Opened = Omit<OpenDatabase, 'migration'>;

export async function openPostgres(url: string): Promise<Opened> {
  const where = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    application_name: 'oss-vitals',
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server (PostgreSQL restart) must not crash the process; the pool
  // replaces it and the next query reports the problem.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new VitalsError(
      'DB_UNAVAILABLE',
      `Cannot connect to PostgreSQL at ${where}: ${redactText((err as Error).message)}`,
      { where },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', where, close: () => db.destroy() };
}

export async function openPglite(dataDir: string): Promise<Opened> {
  if (dataDir === IN_MEMORY_DATA_DIR) {
    const pglite = await createPglite(undefined, 'memory');
    return pgliteDatabase(pglite, 'embedded (in memory)', () => undefined);
  }
  const root = resolve(dataDir);
  try {
    mkdirSync(root, { recursive: true });
  } catch (err) {
    throw new VitalsError(
      'DB_UNAVAILABLE',
      `Cannot create the data directory ${root}: ${(err as Error).message} (set VITALS_DATA_DIR)`,
      { where: root },
    );
  }
  const lock = acquireDataDirLock(root);
  try {
    const pglite = await createPglite(join(root, PGLITE_SUBDIR), root);
    return pgliteDatabase(pglite, `embedded (${root})`, lock.release);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function pgliteDatabase(pglite: PGlite, where: string, afterClose: () => void): Opened {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  const close = async () => {
    try {
      await db.destroy();
      // kysely closes PGlite only if it ever ran a query through it.
      if (!pglite.closed) await pglite.close();
    } finally {
      afterClose();
    }
  };
  return { db, kind: 'pglite', where, close };
}

async function createPglite(path: string | undefined, where: string): Promise<PGlite> {
  try {
    const pglite = new PGlite(path, { parsers: { [INT8_OID]: parseInt8 } });
    await pglite.waitReady;
    return pglite;
  } catch (err) {
    throw new VitalsError(
      'DB_UNAVAILABLE',
      `Cannot open the embedded database in ${where}: ${(err as Error).message}`,
      { where },
      { cause: err },
    );
  }
}

/** int8 → number: GitHub ids and row counts stay far below 2^53 (see schema/tables/column-types.ts). */
function parseInt8(value: string): number {
  return Number(value);
}

/** `host:port/database` of a connection string, never its user or password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = parsed.pathname.replace(/^\//, '') || '(default database)';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
