import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../schema/database.js';
import type {
  AffiliationRow,
  CommentRow,
  CommitRow,
  IssueRow,
  ReleaseRow,
  ReviewRow,
  ScoreInput,
} from '../score/index.js';
import type { Region } from '../geo/geo.types.js';
import { organisationFromEmailDomain } from './email-organisation.js';
import { repositoryNotRegistered } from './repository-lock.js';

/*
 * Loads what the scoring layer reads (src/score/inputs.ts) for one repository, with the heavy work
 * in SQL: author identities, bot flags and the first response of every issue and pull request are
 * computed by PostgreSQL, and event times travel grouped by author as one comma-separated list of
 * epoch milliseconds (a few hundred rows per repository instead of one row per event; splitting a
 * string is far cheaper in Node than materialising a row object per commit).
 *
 * Identity rules (the same for every kind of row):
 * - linked account → the account's current login, lower-cased (by user id, so a renamed login
 *   stays one person), else the login recorded on the row;
 * - commits without an account: a GitHub noreply address carries the login
 *   (`12345+login@users.noreply.github.com`), else `email:` + the lower-cased address;
 * - nothing at all (deleted account, "ghost") → `ghost`.
 * Bots: the account's `is_bot` (type Bot, App accounts) or a `[bot]` login suffix.
 */

// GitHub's noreply formats: `ID+login@users.noreply.github.com` (since 2017) and `login@…`.
const NOREPLY_PATTERN = '^(?:[0-9]+\\+)?([^@]+)@users\\.noreply\\.github\\.com$';

function loginKey(userAlias: string, rowAlias: string): RawBuilder<string> {
  const u = sql.ref(`${userAlias}.login`);
  const row = sql.ref(`${rowAlias}.author_login`);
  return sql<string>`lower(coalesce(${u}, nullif(${row}, '')))`;
}

function discussionKey(userAlias: string, rowAlias: string): RawBuilder<string> {
  return sql<string>`coalesce(${loginKey(userAlias, rowAlias)}, 'ghost')`;
}

function commitKey(): RawBuilder<string> {
  const email = sql`lower(nullif(btrim(c.author_email), ''))`;
  return sql<string>`coalesce(
    ${loginKey('u', 'c')},
    substring(${email} from ${NOREPLY_PATTERN}),
    'email:' || ${email},
    'ghost')`;
}

function isBot(userAlias: string, key: RawBuilder<string>): RawBuilder<boolean> {
  return sql<boolean>`(coalesce(${sql.ref(`${userAlias}.is_bot`)}, false) or ${key} like '%[bot]')`;
}

// date_part (float8) is much cheaper than extract (numeric since PostgreSQL 14); stored instants
// carry whole milliseconds at most, so rounding the float is exact.
const epochMs = (column: RawBuilder<unknown>) =>
  sql<string>`round(date_part('epoch', ${column}) * 1000)::bigint`;

interface FactsRow {
  created_ms: string | null;
  archived: boolean | null;
  releases: string | null;
}

interface CommitGroupRow {
  key: string;
  bot: boolean;
  company: string | null;
  domain: string | null;
  times: string;
}

interface EventGroupRow {
  kind: 'comment' | 'review';
  key: string;
  bot: boolean;
  times: string;
}

interface IssueSqlRow {
  number: number;
  is_pull_request: boolean;
  key: string;
  bot: boolean;
  created_ms: string;
  closed_ms: string | null;
  merged_ms: string | null;
  first_response_ms: string | null;
}

/**
 * Everything scoring reads for the repository with this internal id. Rows after any `asOf` are
 * included (the metrics ignore them), so one load serves a whole monthly backfill.
 */
export async function loadScoreInput(db: Kysely<Database>, repositoryId: number): Promise<ScoreInput> {
  // One snapshot of the data for all four reads, so a crawl writing meanwhile cannot pair new
  // comments with old issues. Inside a caller's transaction, that transaction already decides.
  const read = async (trx: Kysely<Database>) => ({
    facts: await loadFacts(trx, repositoryId),
    commitGroups: await loadCommitGroups(trx, repositoryId),
    eventGroups: await loadEventGroups(trx, repositoryId),
    issues: await loadIssues(trx, repositoryId),
  });
  const { facts, commitGroups, eventGroups, issues } = db.isTransaction
    ? await read(db)
    : await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);

  const commits: CommitRow[] = [];
  const affiliationVotes = new Map<string, { company: string | null; domains: Map<string, number> }>();
  for (const group of commitGroups) {
    const times = parseTimes(group.times);
    for (const authoredAt of times) commits.push({ authoredAt, authorKey: group.key, isBot: group.bot });
    if (group.bot) continue;
    const votes = affiliationVotes.get(group.key) ?? { company: null, domains: new Map<string, number>() };
    votes.company ??= normaliseCompany(group.company);
    const organisation = group.domain === null ? null : organisationFromEmailDomain(group.domain);
    if (organisation !== null)
      votes.domains.set(organisation, (votes.domains.get(organisation) ?? 0) + times.length);
    affiliationVotes.set(group.key, votes);
  }
  const comments: CommentRow[] = [];
  const reviews: ReviewRow[] = [];
  for (const group of eventGroups) {
    for (const at of parseTimes(group.times)) {
      if (group.kind === 'comment') comments.push({ createdAt: at, authorKey: group.key, isBot: group.bot });
      else reviews.push({ submittedAt: at, authorKey: group.key, isBot: group.bot });
    }
  }
  const affiliations: AffiliationRow[] = [...affiliationVotes]
    .map(([authorKey, votes]) => ({ authorKey, organisation: votes.company ?? mostVoted(votes.domains) }))
    .sort((a, b) => (a.authorKey < b.authorKey ? -1 : a.authorKey > b.authorKey ? 1 : 0));
  const releases: ReleaseRow[] = Array.from(parseTimes(facts.releases), (publishedAt) => ({ publishedAt }));
  const earliest = earliestEvent(commits, issues);
  return {
    repository: {
      // Metadata never crawled: the first recorded event stands in for the creation date; with no
      // data at all the repository "does not exist yet" for scoring (no score rather than 0).
      createdAt: facts.created_ms !== null ? Number(facts.created_ms) : (earliest ?? Number.MAX_SAFE_INTEGER),
      archived: facts.archived === true,
      // GitHub does not say when a repository was archived; the scoring layer dates it itself.
      archivedAt: null,
    },
    commits,
    issues,
    comments,
    reviews,
    releases,
    affiliations,
    geography: null,
  };
}

async function loadFacts(db: Kysely<Database>, repositoryId: number): Promise<FactsRow> {
  const { rows } = await sql<FactsRow>`
    select ${epochMs(sql.ref('r.created_at'))} as created_ms, r.archived,
      (select string_agg(${epochMs(sql.ref('rel.published_at'))}::text, ',' order by rel.published_at)
         from release rel
         where rel.repository_id = r.id and not rel.draft and rel.published_at is not null) as releases
    from repository r where r.id = ${repositoryId}`.execute(db);
  const row = rows[0];
  if (!row) throw repositoryNotRegistered(repositoryId);
  return row;
}

/*
 * Each query first groups the repository's rows by their raw identity columns (cheap: no
 * expressions per row), then resolves those few hundred identities against github_user, so the
 * identity rules and the user join run once per person, not once per row.
 */

/**
 * The account of each identity, looked up by primary key: a lateral join keeps PostgreSQL from
 * hashing the whole github_user table (every account ever seen) for a few hundred people.
 */
function userOf(alias: string): RawBuilder<unknown> {
  // `limit 1` keeps the planner from flattening the subquery back into a join.
  return sql.raw(
    `left join lateral (select login, is_bot, company from github_user where id = ${alias}.author_user_id limit 1) u on true`,
  );
}

/** Commit times grouped by author, with what affiliation needs (profile company, email domain). */
async function loadCommitGroups(db: Kysely<Database>, repositoryId: number): Promise<CommitGroupRow[]> {
  const key = commitKey();
  const { rows } = await sql<CommitGroupRow>`
    select ${key} as key, ${isBot('u', key)} as bot, u.company,
      lower(substring(c.author_email from '@([^@]+)$')) as domain, c.times
    from (
      select author_user_id, author_login, author_email, string_agg(ms::text, ',') as times
      from (
        select author_user_id, author_login, author_email, ${epochMs(sql.ref('authored_at'))} as ms
        from "commit" where repository_id = ${repositoryId}
      ) x
      group by author_user_id, author_login, author_email
    ) c ${userOf('c')}
    order by key, c.author_user_id, c.author_login, c.author_email`.execute(db);
  return rows;
}

/** The discussion rows of a repository that can answer an item (and count as activity). */
function discussionRows(repositoryId: number): RawBuilder<unknown> {
  return sql`
    select 'comment' as kind, issue_number as number, created_at as at, author_user_id, author_login
      from issue_comment where repository_id = ${repositoryId}
    union all
    select 'comment', pull_number, created_at, author_user_id, author_login
      from review_comment where repository_id = ${repositoryId}
    union all
    select 'review', pull_number, submitted_at, author_user_id, author_login
      from review where repository_id = ${repositoryId} and submitted_at is not null`;
}

/** Issue and review comments, and submitted reviews, grouped by author. */
async function loadEventGroups(db: Kysely<Database>, repositoryId: number): Promise<EventGroupRow[]> {
  const key = discussionKey('u', 'e');
  const { rows } = await sql<EventGroupRow>`
    select e.kind, ${key} as key, ${isBot('u', key)} as bot, e.times
    from (
      select kind, author_user_id, author_login, string_agg(ms::text, ',') as times
      from (
        select kind, author_user_id, author_login, ${epochMs(sql.ref('at'))} as ms
        from (${discussionRows(repositoryId)}) d
      ) x
      group by kind, author_user_id, author_login
    ) e ${userOf('e')}
    order by e.kind, key, e.author_user_id, e.author_login`.execute(db);
  return rows;
}

/**
 * Issues and pull requests with their first response, computed here by the rule of
 * src/score/first-response-rule.ts: the earliest issue comment, review comment or submitted review
 * whose author is neither the item's author nor a bot; a response stamped before the item's creation
 * (clock skew on imports) counts from the creation.
 */
async function loadIssues(db: Kysely<Database>, repositoryId: number): Promise<IssueRow[]> {
  const key = discussionKey('u', 'i');
  // Identities are joined on (user id, login) with nulls mapped to sentinels so the joins hash.
  const samePerson = (p: string, row: string) =>
    sql.raw(
      `${p}.uid = coalesce(${row}.author_user_id, -1) and ${p}.login = coalesce(${row}.author_login, '')`,
    );
  const { rows } = await sql<IssueSqlRow>`
    with item as (
      select number, is_pull_request, author_user_id, author_login, created_at, closed_at, merged_at
      from issue where repository_id = ${repositoryId}
    ),
    response as (
      select number, author_user_id, author_login, min(at) as at
      from (${discussionRows(repositoryId)}) d
      group by number, author_user_id, author_login
    ),
    identity as (
      select author_user_id, author_login from item
      union select author_user_id, author_login from response
    ),
    person as (
      select coalesce(i.author_user_id, -1) as uid, coalesce(i.author_login, '') as login,
        ${key} as key, ${isBot('u', key)} as bot
      from identity i ${userOf('i')}
    ),
    item_person as (
      select item.*, p.key, p.bot from item join person p on ${samePerson('p', 'item')}
    ),
    first_response as (
      select r.number, min(greatest(r.at, ip.created_at)) as at
      from response r
        join person p on ${samePerson('p', 'r')}
        join item_person ip on ip.number = r.number
      where not p.bot and p.key <> ip.key
      group by r.number
    )
    select ip.number, ip.is_pull_request, ip.key, ip.bot,
      ${epochMs(sql.ref('ip.created_at'))} as created_ms,
      ${epochMs(sql.ref('ip.closed_at'))} as closed_ms,
      ${epochMs(sql.ref('ip.merged_at'))} as merged_ms,
      ${epochMs(sql.ref('fr.at'))} as first_response_ms
    from item_person ip left join first_response fr on fr.number = ip.number
    order by ip.number`.execute(db);
  return rows.map((r) => ({
    number: r.number,
    isPullRequest: r.is_pull_request,
    authorKey: r.key,
    isBot: r.bot,
    createdAt: Number(r.created_ms),
    closedAt: r.closed_ms === null ? null : Number(r.closed_ms),
    mergedAt: r.merged_ms === null ? null : Number(r.merged_ms),
    firstResponseAt: r.first_response_ms === null ? null : Number(r.first_response_ms),
  }));
}

/** A comma-separated list of epoch milliseconds, in ascending order (SQL aggregates unordered). */
function parseTimes(list: string | null): Float64Array {
  if (list === null || list === '') return new Float64Array(0);
  const parts = list.split(',');
  const out = new Float64Array(parts.length);
  for (let i = 0; i < parts.length; i += 1) out[i] = Number(parts[i]);
  return out.sort();
}

/** Profile company as people type it: "@acme", " ACME Inc " → "acme", "ACME Inc"; blank → null. */
function normaliseCompany(company: string | null): string | null {
  if (company === null) return null;
  const clean = company.trim().replace(/^@+/, '').trim();
  return clean === '' ? null : clean;
}

function mostVoted(votes: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, count] of votes)
    if (count > bestCount || (count === bestCount && best !== null && name < best)) {
      best = name;
      bestCount = count;
    }
  return best;
}

function earliestEvent(commits: readonly CommitRow[], issues: readonly IssueRow[]): number | null {
  let first: number | null = null;
  for (const c of commits) if (first === null || c.authoredAt < first) first = c.authoredAt;
  for (const i of issues) if (first === null || i.createdAt < first) first = i.createdAt;
  return first;
}

/**
 * The stored region of each person under a geography mode (geo_person, keyed by the same identity
 * rules as above); people never inferred are absent.
 */
export async function loadPersonRegions(
  db: Kysely<Database>,
  authorKeys: readonly string[],
  mode: string,
): Promise<Map<string, Region>> {
  const regions = new Map<string, Region>();
  if (authorKeys.length === 0) return regions;
  const { rows } = await sql<{ person_key: string; region: Region | null }>`
    select person_key, regions ->> ${mode} as region from geo_person
    where person_key = any(${sql.val([...authorKeys])}::text[])`.execute(db);
  for (const row of rows) if (row.region !== null) regions.set(row.person_key, row.region);
  return regions;
}
