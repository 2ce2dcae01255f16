import { sql, type Kysely } from 'kysely';

/*
 * Frozen: never edit after release and never import app code; add a new migration instead.
 * Periodic full reconciliation (design §4): when each incrementally read list (issues, issue
 * comments, review comments) of a repository was last read in full, so that rows deleted on GitHub
 * can be removed. null = never reconciled.
 */

const UP = [`alter table crawl_state add column reconciled_at timestamptz`];

const DOWN = [`alter table crawl_state drop column if exists reconciled_at`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
