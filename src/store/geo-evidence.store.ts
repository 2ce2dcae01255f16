import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { personIsBot, personKey, userLateral } from './geo-identity.store.js';

/** A person seen in some repository: the key geography is stored under, and the account if linked. */
export interface GeoPersonRef {
  key: string;
  userId: number | null;
}

/** What the store knows about a person that can say where they live (all repositories). */
export interface GeoPersonEvidence {
  key: string;
  userId: number | null;
  login: string | null;
  location: string | null;
  company: string | null;
  email: string | null;
  blog: string | null;
  /** Commit author addresses with their commit counts. */
  commitEmails: Map<string, number>;
  /** Commit count per author UTC offset in minutes (GraphQL GitTimestamp keeps it). */
  offsets: Map<number, number>;
}

/** Identity columns of every row kind a person can author in the given repositories. */
function authoredRows(repositoryIds: readonly number[]) {
  const ids = sql`any(${[...repositoryIds]}::int[])`;
  return sql`
    select author_user_id, author_login, author_email from "commit" where repository_id = ${ids}
    union select author_user_id, author_login, null from issue where repository_id = ${ids}
    union select author_user_id, author_login, null from issue_comment where repository_id = ${ids}
    union select author_user_id, author_login, null from review where repository_id = ${ids}
    union select author_user_id, author_login, null from review_comment where repository_id = ${ids}`;
}

/**
 * Every person (not a bot, not a deleted account) who authored a commit, issue, pull request, comment
 * or review in the given repositories, once each.
 */
export async function listGeoPeople(
  db: Kysely<Database>,
  repositoryIds: readonly number[],
): Promise<GeoPersonRef[]> {
  if (repositoryIds.length === 0) return [];
  const { rows } = await sql<{ key: string; user_id: string | number | null }>`
    select key, max(author_user_id) as user_id from (
      select ${personKey('a')} as key, ${personIsBot('a')} as bot, a.author_user_id
      from (${authoredRows(repositoryIds)}) a ${userLateral('a')}
    ) p
    where not bot and key <> 'ghost'
    group by key
    order by key`.execute(db);
  return rows.map((r) => ({ key: r.key, userId: r.user_id === null ? null : Number(r.user_id) }));
}

interface ProfileRow {
  id: string | number;
  login: string;
  location: string | null;
  company: string | null;
  email: string | null;
  blog: string | null;
}

/**
 * The profile (github_user), commit addresses and commit offsets of each person, over every
 * repository in the store: a person's answer must not depend on which repositories were inferred
 * together. People keyed by a login without a linked row (noreply commits) find their account by login.
 */
export async function loadGeoEvidence(
  db: Kysely<Database>,
  people: readonly GeoPersonRef[],
): Promise<GeoPersonEvidence[]> {
  if (people.length === 0) return [];
  const loginKeys = people.filter((p) => p.userId === null && !p.key.startsWith('email:')).map((p) => p.key);
  const byLogin = new Map<string, number>();
  if (loginKeys.length > 0) {
    // A login can be reused by another account after a rename: prefer the profile fetched last.
    const { rows } = await sql<{ id: string | number; key: string }>`
      select distinct on (lower(login)) id, lower(login) as key from github_user
      where lower(login) = any(${loginKeys}::text[])
      order by lower(login), observed_at desc nulls last, id desc`.execute(db);
    for (const r of rows) byLogin.set(r.key, Number(r.id));
  }
  const userIdOf = (p: GeoPersonRef) => p.userId ?? byLogin.get(p.key) ?? null;
  const userIds = [...new Set(people.map(userIdOf).filter((id): id is number => id !== null))];
  const profiles = new Map<number, ProfileRow>();
  if (userIds.length > 0) {
    const { rows } = await sql<ProfileRow>`
      select id, login, location, company, email, blog from github_user
      where id = any(${userIds}::bigint[])`.execute(db);
    for (const r of rows) profiles.set(Number(r.id), r);
  }
  const evidence = new Map<string, GeoPersonEvidence>();
  for (const p of people) {
    const userId = userIdOf(p);
    const profile = userId === null ? undefined : profiles.get(userId);
    evidence.set(p.key, {
      key: p.key,
      userId,
      login: profile?.login ?? (p.key.startsWith('email:') ? null : p.key),
      location: profile?.location ?? null,
      company: profile?.company ?? null,
      email: profile?.email ?? null,
      blog: profile?.blog ?? null,
      commitEmails: new Map(),
      offsets: new Map(),
    });
  }
  // Linked commits by account id (indexed); unlinked ones are resolved by address or noreply login.
  const { rows } = await sql<{ key: string; email: string | null; offset: number; n: string | number }>`
    select ${personKey('c')} as key, lower(nullif(btrim(c.author_email), '')) as email,
      c.author_utc_offset_minutes as offset, c.n
    from (
      select author_user_id, author_login, author_email, author_utc_offset_minutes, count(*) as n
      from "commit"
      where author_user_id = any(${userIds}::bigint[]) or author_user_id is null
      group by 1, 2, 3, 4
    ) c ${userLateral('c')}`.execute(db);
  for (const r of rows) {
    const person = evidence.get(r.key);
    if (!person) continue;
    const n = Number(r.n);
    if (r.email) person.commitEmails.set(r.email, (person.commitEmails.get(r.email) ?? 0) + n);
    person.offsets.set(r.offset, (person.offsets.get(r.offset) ?? 0) + n);
  }
  return [...evidence.values()];
}
