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
import { VitalsError } from '../shared/errors.js';
import { organisationFromEmailDomain } from './email-organisation.js';

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

const epochMs = (column: RawBuilder<unknown>) =>
  sql<string>`floor(extract(epoch from ${column}) * 1000)::bigint`;

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
  const facts = await loadFacts(db, repositoryId);
  const commitGroups = await loadCommitGroups(db, repositoryId);
  const eventGroups = await loadEventGroups(db, repositoryId);
  const issues = await loadIssues(db, repositoryId);

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
  const releases: ReleaseRow[] = parseTimes(facts.releases).map((publishedAt) => ({ publishedAt }));
  const earliest = earliestEvent(commits, issues);
  return {
    repository: {
      // Never crawled metadata: the first recorded event stands in for the creation date.
      createdAt: facts.created_ms !== null ? Number(facts.created_ms) : (earliest ?? 0),
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
  if (!row)
    throw new VitalsError('REPO_NOT_REGISTERED', `No registered repository has id ${repositoryId}`, {
      id: repositoryId,
    });
  return row;
}

/** Commit times grouped by author, with what affiliation needs (profile company, email domain). */
async function loadCommitGroups(db: Kysely<Database>, repositoryId: number): Promise<CommitGroupRow[]> {
  const key = commitKey();
  const { rows } = await sql<CommitGroupRow>`
    select key, bot, company, domain, string_agg(ms::text, ',' order by ms) as times
    from (
      select ${key} as key, ${isBot('u', key)} as bot, u.company,
        lower(substring(c.author_email from '@([^@]+)$')) as domain,
        ${epochMs(sql.ref('c.authored_at'))} as ms
      from "commit" c left join github_user u on u.id = c.author_user_id
      where c.repository_id = ${repositoryId}
    ) x
    group by key, bot, company, domain
    order by key, bot, company, domain`.execute(db);
  return rows;
}

/** Issue and review comments, and submitted reviews, grouped by author. */
async function loadEventGroups(db: Kysely<Database>, repositoryId: number): Promise<EventGroupRow[]> {
  const key = discussionKey('u', 'e');
  const { rows } = await sql<EventGroupRow>`
    select kind, key, bot, string_agg(ms::text, ',' order by ms) as times
    from (
      select e.kind, ${key} as key, ${isBot('u', key)} as bot, ${epochMs(sql.ref('e.at'))} as ms
      from (
        select 'comment' as kind, created_at as at, author_user_id, author_login
          from issue_comment where repository_id = ${repositoryId}
        union all
        select 'comment', created_at, author_user_id, author_login
          from review_comment where repository_id = ${repositoryId}
        union all
        select 'review', submitted_at, author_user_id, author_login
          from review where repository_id = ${repositoryId} and submitted_at is not null
      ) e left join github_user u on u.id = e.author_user_id
    ) x
    group by kind, key, bot
    order by kind, key, bot`.execute(db);
  return rows;
}

/**
 * Issues and pull requests with their first response, computed here by the rule of
 * src/score/first-response-rule.ts: the earliest issue comment, review comment or submitted review
 * whose author is neither the item's author nor a bot; a response stamped before the item's creation
 * (clock skew on imports) counts from the creation.
 */
async function loadIssues(db: Kysely<Database>, repositoryId: number): Promise<IssueRow[]> {
  const itemKey = discussionKey('u', 'i');
  const responseKey = discussionKey('u', 'r');
  const { rows } = await sql<IssueSqlRow>`
    with item as (
      select i.number, i.is_pull_request, ${itemKey} as key, ${isBot('u', itemKey)} as bot,
        i.created_at, i.closed_at, i.merged_at
      from issue i left join github_user u on u.id = i.author_user_id
      where i.repository_id = ${repositoryId}
    ),
    response as (
      select r.number, r.at, ${responseKey} as key, ${isBot('u', responseKey)} as bot
      from (
        select issue_number as number, created_at as at, author_user_id, author_login
          from issue_comment where repository_id = ${repositoryId}
        union all
        select pull_number, created_at, author_user_id, author_login
          from review_comment where repository_id = ${repositoryId}
        union all
        select pull_number, submitted_at, author_user_id, author_login
          from review where repository_id = ${repositoryId} and submitted_at is not null
      ) r left join github_user u on u.id = r.author_user_id
    ),
    first_response as (
      select item.number, min(greatest(response.at, item.created_at)) as at
      from response join item on item.number = response.number
      where not response.bot and response.key <> item.key
      group by item.number
    )
    select item.number, item.is_pull_request, item.key, item.bot,
      ${epochMs(sql.ref('item.created_at'))} as created_ms,
      ${epochMs(sql.ref('item.closed_at'))} as closed_ms,
      ${epochMs(sql.ref('item.merged_at'))} as merged_ms,
      ${epochMs(sql.ref('first_response.at'))} as first_response_ms
    from item left join first_response on first_response.number = item.number
    order by item.number`.execute(db);
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

function parseTimes(list: string | null): number[] {
  if (list === null || list === '') return [];
  const parts = list.split(',');
  const out = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i += 1) out[i] = Number(parts[i]);
  return out;
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
