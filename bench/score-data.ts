import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';

/*
 * Scoring benchmark data generated directly in the database with generate_series (no round trips
 * per row): per repository C commits, I issues + pull requests (half each), two issue comments per
 * item, a review on every fourth number and a review comment on every other even number, 20
 * releases. People are drawn from a shared pool with a heavy head (a few do most of the work);
 * every 50th account is a bot; 20% of commits are unlinked (email only); 60% of accounts name a
 * company. Rows of one repository are written together, as a crawl writes them.
 */

export interface BenchShape {
  readonly repositories: number;
  readonly commitsPerRepo: number;
  readonly itemsPerRepo: number;
  readonly users: number;
  /** Data spans three years up to this instant. */
  readonly asOf: Date;
}

/** Writes the data set into an empty, migrated database; returns the repository ids. */
export async function generateScoreBenchData(db: Kysely<Database>, shape: BenchShape): Promise<number[]> {
  const { repositories, commitsPerRepo, itemsPerRepo, users } = shape;
  const asOf = shape.asOf.toISOString();
  // People of a repository: 60 neighbours in the pool, the first ones far busier (random()³).
  const person = (repo: string) =>
    sql.raw(`((${repo} * 7919 + floor(power(random(), 3) * 60)::int) % ${users}) + 1`);

  await sql`insert into github_user (id, login, type, is_bot, company, observed_at)
    select u, case when u % 50 = 0 then 'app' || u || '[bot]' else 'user' || u end,
      case when u % 50 = 0 then 'Bot' else 'User' end, u % 50 = 0,
      case when u % 5 < 3 then 'Company ' || (u % 40) end, ${asOf}::timestamptz
    from generate_series(1, ${users}) u`.execute(db);

  await sql`insert into repository (owner, name, created_at, pushed_at, archived, default_branch)
    select 'bench', 'repo-' || r, ${asOf}::timestamptz - interval '4 years', ${asOf}::timestamptz,
      r % 100 = 0, 'main'
    from generate_series(1, ${repositories}) r`.execute(db);

  await sql`insert into "commit" (repository_id, sha, author_email, author_login, author_user_id,
      authored_at, author_utc_offset_minutes, committed_at, committer_utc_offset_minutes, message_headline)
    select repository_id, md5(repository_id || ':' || g),
      case when linked then 'user' || p || '@users.noreply.github.com'
           else 'dev' || p || '@corp' || (p % 30) || '.com' end,
      case when linked then 'user' || p end, case when linked then p end,
      t, 0, t, 0, ''
    from (
      select r.id as repository_id, g, ${person('r.id')} as p, random() < 0.8 as linked,
        ${asOf}::timestamptz - random() * interval '3 years' as t
      from repository r cross join generate_series(1, ${commitsPerRepo}) g
    ) x order by repository_id`.execute(db);

  await sql`insert into issue (repository_id, number, github_id, is_pull_request, author_login,
      author_user_id, state, created_at, updated_at, closed_at, merged_at)
    select repository_id, number, repository_id::bigint * 10000000 + number, pr, 'user' || p, p,
      case when closed then 'closed' else 'open' end, created, created,
      case when closed then created + close_after end,
      case when closed and pr and merged then created + close_after end
    from (
      select r.id as repository_id, x.g as number, x.g % 2 = 0 as pr, ${person('r.id')} as p,
        ${asOf}::timestamptz - random() * interval '3 years' as created,
        random() < 0.8 as closed, random() < 0.7 as merged, random() * interval '90 days' as close_after
      from repository r cross join generate_series(1, ${itemsPerRepo}) x(g)
    ) i order by repository_id, number`.execute(db);

  await sql`insert into issue_comment (repository_id, github_id, issue_number, author_login,
      author_user_id, created_at, updated_at)
    select repository_id, github_id * 4 + k, number, 'user' || p, p, t, t
    from (
      select i.repository_id, i.github_id, i.number, k, ${person('i.repository_id')} as p,
        i.created_at + power(random(), 2) * interval '20 days' as t
      from issue i cross join generate_series(0, 1) k
    ) c order by repository_id, number`.execute(db);

  await sql`insert into review (repository_id, github_id, pull_number, author_login, author_user_id,
      state, submitted_at)
    select repository_id, github_id * 4 + 2, number, 'user' || p, p, 'APPROVED', at
    from (
      select i.repository_id, i.github_id, i.number, ${person('i.repository_id')} as p,
        i.created_at + random() * interval '10 days' as at
      from issue i where i.is_pull_request and i.number % 4 = 0
    ) r order by repository_id, number`.execute(db);

  await sql`insert into review_comment (repository_id, github_id, pull_number, author_login,
      author_user_id, created_at, updated_at)
    select repository_id, github_id * 4 + 3, number, 'user' || p, p, at, at
    from (
      select i.repository_id, i.github_id, i.number, ${person('i.repository_id')} as p,
        i.created_at + random() * interval '5 days' as at
      from issue i where i.is_pull_request and i.number % 4 = 2
    ) r order by repository_id, number`.execute(db);

  await sql`insert into release (repository_id, github_id, tag_name, created_at, published_at)
    select repository_id, repository_id::bigint * 100 + g, 'v' || g, t, t
    from (
      select r.id as repository_id, g, ${asOf}::timestamptz - random() * interval '3 years' as t
      from repository r cross join generate_series(1, 20) g
    ) x order by repository_id`.execute(db);

  await sql`analyze`.execute(db);
  const rows = await db.selectFrom('repository').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Row counts of the generated set (printed with the figures). */
export async function countBenchRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const { rows } = await sql<Record<string, string>>`select
      (select count(*) from "commit") as commits,
      (select count(*) from issue) as "issues+PRs",
      (select count(*) from issue_comment) + (select count(*) from review_comment) as comments,
      (select count(*) from review) as reviews`.execute(db);
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}
