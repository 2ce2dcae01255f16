import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { loadConfig, type Config } from '../../../config/load-config.js';
import type { Database } from '../../../schema/database.js';
import { crawlInProcess } from '../../../src/cli/crawl-session.js';
import type { CrawlSummary } from '../../../src/crawl/run-crawl.js';
import { silentLogger, type Logger } from '../../../src/shared/logger.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import {
  startSimulator,
  type DeepPartial,
  type RunningSimulator,
  type SimConfig,
} from '../../../src/sim/index.js';
import type { SimRepo, World } from '../../../src/sim/world.js';
import type { ActivityDeleted } from '../../../src/sim/worlds/index.js';
import { upsertCrawlState, type CrawlEntity } from '../../../src/store/crawl-state.store.js';
import { registerRepositories } from '../../../src/store/repository.store.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';

/**
 * A simulator serving `world` over real HTTP, a fresh PostgreSQL database, and a crawl through the
 * same code path as `vitals crawl` (crawlInProcess), with backoffs shortened for tests.
 */
export interface CrawlFixture {
  readonly sim: RunningSimulator;
  readonly pg: TestPostgres;
  readonly db: Kysely<Database>;
  readonly token: string;
  readonly config: Config;
  register(names: readonly string[]): Promise<number[]>;
  crawl(ids: readonly number[], logger?: Logger): Promise<CrawlSummary>;
  close(): Promise<void>;
}

export const FAST_CLIENT = {
  backoff: { baseMs: 20, capMs: 300 },
  maxAttempts: 8,
  requestTimeoutMs: 10_000,
};

export async function startCrawlFixture(
  world: World,
  simConfig?: DeepPartial<SimConfig>,
): Promise<CrawlFixture> {
  const sim = await startSimulator({ world, ...(simConfig ? { config: simConfig } : {}) });
  const pg = await createTestPostgres();
  // Built at run time, never shaped like a real GitHub token.
  const token = `test-token-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({ env: { GITHUB_API_URL: sim.url, GITHUB_TOKEN: token } });
  return {
    sim,
    pg,
    db: pg.db,
    token,
    config,
    async register(names) {
      const result = await registerRepositories(
        pg.db,
        names.map((n) => parseRepoName(n)),
      );
      return [...result.added, ...result.existing].map((r) => r.id);
    },
    crawl(ids, logger = silentLogger) {
      return crawlInProcess(config, pg.db, logger, ids, { progress: false, clientOptions: FAST_CLIENT });
    },
    async close() {
      await pg.drop();
      await sim.close();
    },
  };
}

export interface WorldCounts {
  commits: number;
  issues: number;
  pullRequests: number;
  issueComments: number;
  reviews: number;
  releases: number;
  contributors: number;
}

/** What GitHub (the simulator) shows of a repository: the counts a complete crawl must store. */
export function worldCounts(world: World, repo: SimRepo): WorldCounts {
  const logins = new Set(world.users.map((u) => u.login.toLowerCase()));
  const linked = new Set<string>();
  const anonymous = new Set<string>();
  for (const commit of repo.commits) {
    const login = commit.authorLogin?.toLowerCase();
    if (login && logins.has(login)) linked.add(login);
    else anonymous.add(commit.author.email.toLowerCase());
  }
  // An email GitHub links once counts for the account (the simulator links per email).
  const linkedEmails = new Set(
    repo.commits
      .filter((c) => c.authorLogin && logins.has(c.authorLogin.toLowerCase()))
      .map((c) => c.author.email.toLowerCase()),
  );
  for (const email of linkedEmails) anonymous.delete(email);
  return {
    commits: repo.commits.length,
    issues: repo.issues.filter((i) => !i.pullRequest).length,
    pullRequests: repo.issues.filter((i) => i.pullRequest).length,
    issueComments: repo.issueComments.length,
    reviews: repo.reviews.filter((r) => r.state !== 'PENDING').length,
    releases: repo.releases.filter((r) => !r.draft).length,
    contributors: linked.size + anonymous.size,
  };
}

/**
 * Every stored row of the crawled data, without the columns that record *when* we looked
 * (observed_at, last_success_at, …): two crawls of the same world must give identical dumps.
 */
export async function dumpCrawledData(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    repository: `select github_id, owner, name, description, default_branch, pushed_at, state, state_reason from repository order by github_id, owner, name`,
    repository_name: `select r.github_id, n.full_name from repository_name n join repository r on r.id = n.repository_id order by 1, 2`,
    commit: `select r.github_id as repo, c.* from "commit" c join repository r on r.id = c.repository_id order by 1, c.sha`,
    issue: `select r.github_id as repo, i.* from issue i join repository r on r.id = i.repository_id order by 1, i.number`,
    issue_comment: `select r.github_id as repo, c.* from issue_comment c join repository r on r.id = c.repository_id order by 1, c.github_id`,
    review: `select r.github_id as repo, v.* from review v join repository r on r.id = v.repository_id order by 1, v.github_id`,
    review_comment: `select r.github_id as repo, v.* from review_comment v join repository r on r.id = v.repository_id order by 1, v.github_id`,
    release: `select r.github_id as repo, v.* from release v join repository r on r.id = v.repository_id order by 1, v.github_id`,
    contributor: `select r.github_id as repo, c.key, c.user_id, c.login, c.email, c.name, c.contributions, c.is_anonymous from contributor c join repository r on r.id = c.repository_id order by 1, c.key`,
    github_user: `select id, login, type, is_bot, name, company, blog, location, email, bio, twitter_username, created_at, updated_at_github, observed_at is not null as profiled from github_user order by id`,
  };
  const out: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(tables)) {
    const { rows } = await sql.raw(query).execute(db);
    out[name] = rows.map((row) => {
      const copy = { ...(row as Record<string, unknown>) };
      delete copy['repository_id'];
      return copy;
    });
  }
  return out;
}

/** The lists that periodic reconciliation reads in full (crawl_state entities). */
export const RECONCILED_LISTS: readonly CrawlEntity[] = ['issues', 'comments', 'review_comments', 'releases'];
export const DAY_MS = 86_400_000;

/** GitHub ids stored in `table` for one repository, ascending. */
export async function storedGithubIds(
  db: Kysely<Database>,
  table: string,
  repositoryId: number,
): Promise<number[]> {
  const { rows } = await sql<{ github_id: number }>`
    select github_id from ${sql.table(table)} where repository_id = ${repositoryId} order by github_id`.execute(
    db,
  );
  return rows.map((r) => Number(r.github_id));
}

/** Deletes activity of `repo` on the simulator over HTTP (`/_sim/mutate`), as a test or an operator would. */
export async function deleteOnSimulator(
  fx: CrawlFixture,
  repo: SimRepo,
  body: Record<string, unknown>,
): Promise<ActivityDeleted> {
  const response = await fetch(`${fx.sim.url}/_sim/mutate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ repo: `${repo.owner}/${repo.name}`, ...body }),
  });
  if (response.status !== 200) throw new Error(`/_sim/mutate answered ${response.status}`);
  return ((await response.json()) as { deleted: ActivityDeleted }).deleted;
}

/** Records every reconciled list of the repository as last reconciled `days` ago. */
export async function markReconciledDaysAgo(
  db: Kysely<Database>,
  repositoryId: number,
  days: number,
): Promise<void> {
  for (const entity of RECONCILED_LISTS) {
    await upsertCrawlState(db, repositoryId, entity, { reconciledAt: new Date(Date.now() - days * DAY_MS) });
  }
}
