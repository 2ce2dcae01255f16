import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { ScoreSnapshotKind, ScoreSnapshotTable } from '../../schema/tables/score-snapshot.table.js';

export type { ScoreSnapshotKind } from '../../schema/tables/score-snapshot.table.js';

/** One stored health score (JSON parts as the scoring layer produced them). */
export interface ScoreSnapshot {
  repositoryId: number;
  scoringVersion: string;
  asOf: Date;
  kind: ScoreSnapshotKind;
  score: number | null;
  components: unknown;
  gate: unknown;
  metrics: unknown;
}

export interface StoredScoreSnapshot extends ScoreSnapshot {
  /** When the stored values last changed (an identical re-run leaves it alone). */
  computedAt: Date;
}

/** A point of a repository's score series (the trend and alert rules read these). */
export interface ScorePoint {
  asOf: Date;
  score: number | null;
  kind: ScoreSnapshotKind;
}

export interface SnapshotUpsertResult {
  /** Rows inserted or whose values changed; identical re-runs write nothing. */
  written: number;
  unchanged: number;
}

/**
 * Upserts snapshots on (repository, scoring version, asOf). A row whose values are identical is not
 * rewritten, so re-running a backfill changes nothing (computed_at included). Rows are written in
 * one statement per call: callers pass one repository's backfill at a time.
 */
export async function upsertScoreSnapshots(
  db: Kysely<Database>,
  snapshots: readonly ScoreSnapshot[],
): Promise<SnapshotUpsertResult> {
  if (snapshots.length === 0) return { written: 0, unchanged: 0 };
  const unique = new Map<string, ScoreSnapshot>();
  for (const s of snapshots) unique.set(`${s.repositoryId}|${s.scoringVersion}|${s.asOf.getTime()}`, s);
  const rows = [...unique.values()].map((s) => ({
    repository_id: s.repositoryId,
    scoring_version: s.scoringVersion,
    as_of: s.asOf,
    kind: s.kind,
    score: s.score,
    components: JSON.stringify(s.components),
    gate: JSON.stringify(s.gate),
    metrics: JSON.stringify(s.metrics),
  }));
  const written = await db
    .insertInto('score_snapshot')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['repository_id', 'scoring_version', 'as_of'])
        .doUpdateSet({
          kind: (eb) => eb.ref('excluded.kind'),
          score: (eb) => eb.ref('excluded.score'),
          components: (eb) => eb.ref('excluded.components'),
          gate: (eb) => eb.ref('excluded.gate'),
          metrics: (eb) => eb.ref('excluded.metrics'),
          computed_at: sql`now()`,
        })
        .where(
          sql<boolean>`(score_snapshot.kind, score_snapshot.score, score_snapshot.components,
            score_snapshot.gate, score_snapshot.metrics)
            is distinct from (excluded.kind, excluded.score, excluded.components, excluded.gate, excluded.metrics)`,
        ),
    )
    .returning('repository_id')
    .execute();
  return { written: written.length, unchanged: rows.length - written.length };
}

export async function findScoreSnapshot(
  db: Kysely<Database>,
  repositoryId: number,
  scoringVersion: string,
  asOf: Date,
): Promise<StoredScoreSnapshot | undefined> {
  const row = await db
    .selectFrom('score_snapshot')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .where('scoring_version', '=', scoringVersion)
    .where('as_of', '=', asOf)
    .executeTakeFirst();
  return row && toSnapshot(row);
}

/** The newest snapshot at or before `atOrBefore` (the stored "current" score for APIs); undefined if none. */
export async function findLatestScoreSnapshot(
  db: Kysely<Database>,
  repositoryId: number,
  scoringVersion: string,
  atOrBefore: Date = new Date(),
): Promise<StoredScoreSnapshot | undefined> {
  const row = await db
    .selectFrom('score_snapshot')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .where('scoring_version', '=', scoringVersion)
    .where('as_of', '<=', atOrBefore)
    .orderBy('as_of', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toSnapshot(row);
}

export interface ListScoreSnapshotsOptions {
  /** Only snapshots at or after / at or before these instants. */
  from?: Date;
  to?: Date;
}

/** Full snapshots of a repository under one scoring version, oldest first. */
export async function listScoreSnapshots(
  db: Kysely<Database>,
  repositoryId: number,
  scoringVersion: string,
  options: ListScoreSnapshotsOptions = {},
): Promise<StoredScoreSnapshot[]> {
  let query = db
    .selectFrom('score_snapshot')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .where('scoring_version', '=', scoringVersion)
    .orderBy('as_of');
  if (options.from) query = query.where('as_of', '>=', options.from);
  if (options.to) query = query.where('as_of', '<=', options.to);
  return (await query.execute()).map(toSnapshot);
}

/** The score series alone (no JSON parts), oldest first: cheap enough for every report. */
export async function listScorePoints(
  db: Kysely<Database>,
  repositoryId: number,
  scoringVersion: string,
  options: ListScoreSnapshotsOptions = {},
): Promise<ScorePoint[]> {
  let query = db
    .selectFrom('score_snapshot')
    .select(['as_of', 'score', 'kind'])
    .where('repository_id', '=', repositoryId)
    .where('scoring_version', '=', scoringVersion)
    .orderBy('as_of');
  if (options.from) query = query.where('as_of', '>=', options.from);
  if (options.to) query = query.where('as_of', '<=', options.to);
  return (await query.execute()).map((r) => ({ asOf: r.as_of, score: r.score, kind: r.kind }));
}

function toSnapshot(row: Selectable<ScoreSnapshotTable>): StoredScoreSnapshot {
  return {
    repositoryId: row.repository_id,
    scoringVersion: row.scoring_version,
    asOf: row.as_of,
    kind: row.kind,
    score: row.score,
    components: row.components,
    gate: row.gate,
    metrics: row.metrics,
    computedAt: row.computed_at,
  };
}
