import type { Migration } from 'kysely/migration';
import * as initial from './2026-11-29T0400_initial.js';
import * as scoreSnapshots from './2026-11-29T0500_score-snapshots.js';
import * as schedules from './2026-11-29T0510_schedules.js';
import * as geography from './2026-11-29T0530_geography.js';
import * as crawlReconciledAt from './2026-11-29T0600_crawl-reconciled-at.js';
import * as bulkTablesWithoutRepositoryFk from './2026-11-29T0700_bulk-tables-without-repository-fk.js';
import * as repositoryDeleteTrigger from './2026-11-29T1200_repository-delete-trigger.js';

/**
 * Every migration, by name, in order. A static record instead of kysely's FileMigrationProvider:
 * dynamic imports of a folder break under tsx, jest and the compiled dist alike, and a static list
 * makes the set of migrations part of the type-checked program. Append new migrations at the end.
 */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '2026-11-29T0400_initial': initial,
  '2026-11-29T0500_score-snapshots': scoreSnapshots,
  '2026-11-29T0510_schedules': schedules,
  '2026-11-29T0530_geography': geography,
  '2026-11-29T0600_crawl-reconciled-at': crawlReconciledAt,
  '2026-11-29T0700_bulk-tables-without-repository-fk': bulkTablesWithoutRepositoryFk,
  '2026-11-29T1200_repository-delete-trigger': repositoryDeleteTrigger,
});
