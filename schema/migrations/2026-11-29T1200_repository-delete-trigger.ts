import { sql, type Kysely } from 'kysely';

/*
 * Frozen: never edit after release and never import app code; add a new migration instead.
 * Since 2026-11-29T0700 the crawl's bulk tables have no foreign key to repository, and only the
 * store's deleteRepository removed their rows: a `delete from repository` typed by hand left them
 * behind. A row trigger now does what the cascade did, for every way a repository row goes. Each
 * delete in a volatile PL/pgSQL function takes a fresh snapshot (READ COMMITTED), taken after the
 * repository row was locked for deletion, so rows of crawl transactions that held it FOR KEY SHARE
 * and committed while the delete waited are seen and deleted too. Rows already orphaned are removed.
 */

const TABLES = ['commit', 'issue', 'issue_comment', 'review', 'review_comment'];

const UP = [
  ...TABLES.map(
    (table) =>
      `delete from "${table}" as t where not exists (select from repository r where r.id = t.repository_id)`,
  ),
  `create function repository_bulk_rows_delete() returns trigger language plpgsql as $$
   begin
     ${TABLES.map((table) => `delete from "${table}" where repository_id = old.id;`).join('\n     ')}
     return null;
   end $$`,
  `create trigger repository_bulk_rows_delete after delete on repository
     for each row execute function repository_bulk_rows_delete()`,
];

const DOWN = [
  'drop trigger repository_bulk_rows_delete on repository',
  'drop function repository_bulk_rows_delete()',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
