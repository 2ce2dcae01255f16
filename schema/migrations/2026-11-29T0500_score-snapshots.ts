import { sql, type Kysely } from 'kysely';

/*
 * Frozen: never edit after release and never import app code; add a new migration instead.
 * Health score snapshots: one row per repository, scoring version and asOf instant. Monthly
 * backfills and the snapshot after each crawl share the table (`kind` tells them apart), so the
 * trend reads one series.
 */

const UP = [
  `create table score_snapshot (
    repository_id integer not null references repository (id) on delete cascade,
    scoring_version text not null,
    as_of timestamptz not null,
    kind text not null check (kind in ('monthly', 'point')),
    score double precision,
    components jsonb not null,
    gate jsonb not null,
    metrics jsonb not null,
    computed_at timestamptz not null default now(),
    primary key (repository_id, scoring_version, as_of)
  )`,
];

const DOWN = ['drop table if exists score_snapshot'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
