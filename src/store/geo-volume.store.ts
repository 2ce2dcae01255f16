import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { GeoMode, Region } from '../geo/geo.types.js';
import { personIsBot, personKey, userLateral } from './geo-identity.store.js';

export type GeoVolumeKind = 'commit' | 'pull' | 'issue' | 'comment';

/** Events of one person of one kind in one UTC month, with the stored region under the mode. */
export interface GeoVolumeRow {
  kind: GeoVolumeKind;
  key: string;
  /** `YYYY-MM` (UTC). */
  month: string;
  /** Events up to asOf, and within the last 365 and 90 days before it. */
  all: number;
  last365d: number;
  last90d: number;
  /** UNKNOWN when the person was never inferred (or is a deleted account). */
  region: Region;
}

/**
 * A repository's authored volume up to `asOf`, grouped by person, kind and month, bots excluded:
 * commits (author date), merged pull requests (merge date, by their author), issues (opening date)
 * and comments (issue and review comments, submitted reviews).
 */
export async function listGeoVolumes(
  db: Kysely<Database>,
  repositoryId: number,
  asOf: Date,
  mode: GeoMode,
): Promise<GeoVolumeRow[]> {
  const id = repositoryId;
  const { rows } = await sql<{
    kind: GeoVolumeKind;
    key: string;
    month: string;
    all: string | number;
    last365d: string | number;
    last90d: string | number;
    region: Region | null;
  }>`
    with event as (
      select 'commit' as kind, author_user_id, author_login, author_email, authored_at as at
        from "commit" where repository_id = ${id} and authored_at <= ${asOf}
      union all
      select 'pull', author_user_id, author_login, null, merged_at from issue
        where repository_id = ${id} and is_pull_request and merged_at is not null and merged_at <= ${asOf}
      union all
      select 'issue', author_user_id, author_login, null, created_at from issue
        where repository_id = ${id} and not is_pull_request and created_at <= ${asOf}
      union all
      select 'comment', author_user_id, author_login, null, created_at from issue_comment
        where repository_id = ${id} and created_at <= ${asOf}
      union all
      select 'comment', author_user_id, author_login, null, created_at from review_comment
        where repository_id = ${id} and created_at <= ${asOf}
      union all
      select 'comment', author_user_id, author_login, null, submitted_at from review
        where repository_id = ${id} and submitted_at is not null and submitted_at <= ${asOf}
    ),
    grouped as (
      select kind, author_user_id, author_login, author_email,
        to_char(date_trunc('month', at at time zone 'UTC'), 'YYYY-MM') as month,
        count(*) as n_all,
        count(*) filter (where at > ${asOf}::timestamptz - interval '365 days') as n_365,
        count(*) filter (where at > ${asOf}::timestamptz - interval '90 days') as n_90
      from event group by 1, 2, 3, 4, 5
    ),
    person as (
      select g.kind, g.month, g.n_all, g.n_365, g.n_90, ${personKey('g')} as key, ${personIsBot('g')} as bot
      from grouped g ${userLateral('g')}
    )
    select p.kind, p.key, p.month, sum(p.n_all) as all, sum(p.n_365) as last365d, sum(p.n_90) as last90d,
      gp.region
    from person p
      left join (select person_key, regions ->> ${mode} as region from geo_person) gp on gp.person_key = p.key
    where not p.bot
    group by p.kind, p.key, p.month, gp.region
    order by p.kind, p.key, p.month`.execute(db);
  return rows.map((r) => ({
    kind: r.kind,
    key: r.key,
    month: r.month,
    all: Number(r.all),
    last365d: Number(r.last365d),
    last90d: Number(r.last90d),
    region: r.region ?? 'UNKNOWN',
  }));
}
