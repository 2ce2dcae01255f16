import { sql, type Kysely } from 'kysely';

/*
 * Frozen: never edit after release and never import app code; add a new migration instead.
 * The crawl's bulk tables lose their foreign key to repository: PostgreSQL checked it once per
 * inserted row (a `SELECT … FOR KEY SHARE` of the same repository row each time, ≈ 30% of the
 * insert CPU). The store keeps the guarantee instead: each bulk upsert locks the repository row
 * FOR KEY SHARE once per statement and writes nothing if it is gone, and deleteRepository deletes
 * these rows itself after the repository row (src/store/bulk-upsert.ts, repository.store.ts).
 * The constraints carry PostgreSQL's default names (the initial migration did not name them).
 */

const TABLES = ['commit', 'issue', 'issue_comment', 'review', 'review_comment'];

const UP = TABLES.map((table) => `alter table "${table}" drop constraint ${table}_repository_id_fkey`);

// Rows the store may have left without a repository (none, if it kept its word) would block the key.
const DOWN = TABLES.flatMap((table) => [
  `delete from "${table}" as t where not exists (select from repository r where r.id = t.repository_id)`,
  `alter table "${table}" add constraint ${table}_repository_id_fkey
    foreign key (repository_id) references repository (id) on delete cascade`,
]);

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
