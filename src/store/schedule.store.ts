import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { ScheduleTargetKind } from '../../schema/tables/schedule.table.js';

export type { ScheduleTargetKind } from '../../schema/tables/schedule.table.js';

export type ScheduleTarget =
  { kind: 'repository'; repositoryId: number } | { kind: 'all' } | { kind: 'portfolio'; portfolioId: number };

export type Cadence = { everySeconds: number } | { cron: string };

/** A desired crawl schedule with a human label of its target (`owner/name`, `all`, `portfolio P`). */
export interface Schedule {
  id: number;
  target: ScheduleTarget;
  label: string;
  cadence: Cadence;
  updatedAt: Date;
}

/** Creates the schedule of `target`, or changes its cadence (one schedule per target). */
export async function upsertSchedule(
  db: Kysely<Database>,
  target: ScheduleTarget,
  cadence: Cadence,
): Promise<Schedule> {
  const values = {
    target_kind: target.kind,
    repository_id: target.kind === 'repository' ? target.repositoryId : null,
    portfolio_id: target.kind === 'portfolio' ? target.portfolioId : null,
    every_seconds: 'everySeconds' in cadence ? cadence.everySeconds : null,
    cron: 'cron' in cadence ? cadence.cron : null,
  };
  const row = await db
    .insertInto('schedule')
    .values(values)
    .onConflict((oc) =>
      oc
        .expression(sql`target_kind, coalesce(repository_id, 0), coalesce(portfolio_id, 0)`)
        .doUpdateSet({ every_seconds: values.every_seconds, cron: values.cron, updated_at: sql`now()` }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  const schedule = await findSchedule(db, row.id);
  if (!schedule) throw new Error(`schedule ${row.id} vanished after its upsert`);
  return schedule;
}

export async function findSchedule(db: Kysely<Database>, id: number): Promise<Schedule | undefined> {
  return (await listSchedules(db)).find((s) => s.id === id);
}

/** Every desired schedule, oldest first. */
export async function listSchedules(db: Kysely<Database>): Promise<Schedule[]> {
  const rows = await db
    .selectFrom('schedule as s')
    .leftJoin('repository as r', 'r.id', 's.repository_id')
    .leftJoin('portfolio as p', 'p.id', 's.portfolio_id')
    .select([
      's.id',
      's.target_kind',
      's.repository_id',
      's.portfolio_id',
      's.every_seconds',
      's.cron',
      's.updated_at',
      'r.full_name',
      'p.name as portfolio_name',
    ])
    .orderBy('s.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    target: targetOf(row.target_kind, row.repository_id, row.portfolio_id),
    label:
      row.target_kind === 'all'
        ? 'all'
        : row.target_kind === 'portfolio'
          ? `portfolio ${row.portfolio_name ?? row.portfolio_id}`
          : (row.full_name ?? `#${row.repository_id}`),
    cadence: row.every_seconds !== null ? { everySeconds: row.every_seconds } : { cron: row.cron ?? '' },
    updatedAt: row.updated_at,
  }));
}

/** Removes the schedule of `target`; false when it had none. */
export async function deleteScheduleByTarget(db: Kysely<Database>, target: ScheduleTarget): Promise<boolean> {
  const result = await db
    .deleteFrom('schedule')
    .where('target_kind', '=', target.kind)
    .where(
      sql<number>`coalesce(repository_id, 0)`,
      '=',
      target.kind === 'repository' ? target.repositoryId : 0,
    )
    .where(sql<number>`coalesce(portfolio_id, 0)`, '=', target.kind === 'portfolio' ? target.portfolioId : 0)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Ids of the repositories a schedule crawls now: its repository, every registered one, or the
 * portfolio's. Gone and blocked repositories are left out (design §4: stop scheduling them).
 */
export async function listScheduledRepositoryIds(
  db: Kysely<Database>,
  target: ScheduleTarget,
): Promise<number[]> {
  let query = db
    .selectFrom('repository as r')
    .select('r.id')
    .where('r.state', 'not in', ['gone', 'blocked'])
    .orderBy('r.id');
  if (target.kind === 'repository') query = query.where('r.id', '=', target.repositoryId);
  if (target.kind === 'portfolio')
    query = query.where('r.id', 'in', (eb) =>
      eb
        .selectFrom('portfolio_repository')
        .select('repository_id')
        .where('portfolio_id', '=', target.portfolioId),
    );
  return (await query.execute()).map((r) => r.id);
}

function targetOf(
  kind: ScheduleTargetKind,
  repositoryId: number | null,
  portfolioId: number | null,
): ScheduleTarget {
  if (kind === 'repository') return { kind, repositoryId: repositoryId ?? 0 };
  if (kind === 'portfolio') return { kind, portfolioId: portfolioId ?? 0 };
  return { kind: 'all' };
}
