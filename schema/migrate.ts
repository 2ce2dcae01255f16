import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { VitalsError } from '../src/shared/errors.js';
import { migrations } from './migrations/index.js';

export interface MigrationReport {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** All migrations the code knows. */
  known: string[];
}

/** Serves the static record of schema/migrations/index.ts to kysely's Migrator. */
class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly all: Readonly<Record<string, Migration>>) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return { ...this.all };
  }
}

/**
 * Brings the schema to the latest migration. On PostgreSQL (and PGlite) kysely runs the pending
 * migrations inside one transaction under an advisory lock, so concurrent callers wait for each other
 * and a failure leaves the database unchanged.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(migrations) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new VitalsError(
      'MIGRATION_FAILED',
      `Migration ${failed} failed: ${reason}`,
      { migration: failed },
      { cause: error },
    );
  }
  return {
    applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName),
    known: Object.keys(migrations),
  };
}

/** Names of migrations the code has that the database has not run (for readiness checks). */
export async function listPendingMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(migrations) });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
