import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import { findKnownCommitShas, listCommits, upsertCommits } from '../../../src/store/commit.store.js';
import {
  deleteContributorsExcept,
  listContributors,
  upsertContributors,
} from '../../../src/store/contributor.store.js';
import { countRowsForRepository } from '../../../src/store/counts.store.js';
import { findCrawlState, listCrawlStates, upsertCrawlState } from '../../../src/store/crawl-state.store.js';
import {
  upsertIssueComments,
  upsertReviewComments,
  upsertReviews,
} from '../../../src/store/discussion.store.js';
import {
  deleteHttpCacheEntries,
  findHttpCacheEntry,
  upsertHttpCacheEntry,
} from '../../../src/store/http-cache.store.js';
import {
  listIssues,
  listPullRequestNumbersUpdatedSince,
  updatePullRequestDetails,
  upsertIssues,
} from '../../../src/store/issue.store.js';
import {
  listPortfolioNamesByRepository,
  listPortfolios,
  upsertPortfolio,
  upsertPortfolioMembers,
} from '../../../src/store/portfolio.store.js';
import { upsertReleases } from '../../../src/store/release.store.js';
import {
  deleteRepository,
  findRepositoryByFullName,
  findRepositoryByGithubId,
  getRepository,
  listRepositories,
  listRepositoryNames,
  registerRepositories,
  setRepositoryState,
  updateRepositoryMetadata,
  type RepositoryMetadata,
} from '../../../src/store/repository.store.js';
import {
  findUser,
  findUsersByLogin,
  listUsersToRefresh,
  upsertUserRefs,
  upsertUsers,
} from '../../../src/store/user.store.js';
import { TEST_ENGINES, createTestDatabase, type TestDatabase } from '../../support/db.js';
import {
  makeCommit,
  makeContributor,
  makeIssue,
  makeIssueComment,
  makeRelease,
  makeReview,
  makeReviewComment,
  makeUserProfile,
} from '../../support/store-records.js';

// Real databases on a shared 2-core machine: PGlite alone needs seconds to boot.
jest.setTimeout(120_000);

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

async function registerOne(db: Kysely<Database>, fullName: string): Promise<number> {
  const { added, existing } = await registerRepositories(db, [parseRepoName(fullName)]);
  const repository = added[0] ?? existing[0];
  if (!repository) throw new Error('registration returned nothing');
  return repository.id;
}

function metadata(overrides: Partial<RepositoryMetadata>): RepositoryMetadata {
  return {
    githubId: 3_000_000_001,
    owner: 'acme',
    name: 'widgets',
    description: 'Widgets\u0000 for all',
    homepage: null,
    defaultBranch: 'main',
    language: 'TypeScript',
    licenseSpdx: 'MIT',
    topics: ['cli', 'health'],
    fork: false,
    archived: false,
    stargazersCount: 10,
    forksCount: 2,
    watchersCount: 10,
    openIssuesCount: 3,
    createdAt: new Date('2020-01-01T00:00:00Z'),
    pushedAt: new Date('2024-06-01T00:00:00Z'),
    updatedAtGithub: new Date('2024-06-02T00:00:00Z'),
    observedAt: new Date('2024-06-03T00:00:00Z'),
    ...overrides,
  };
}

describe.each(TEST_ENGINES)('store on %s', (engine) => {
  let test: TestDatabase;
  let db: Kysely<Database>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    db = test.db;
  });
  afterAll(() => test?.close());

  describe('repositories and portfolios', () => {
    it('registers idempotently and case-insensitively', async () => {
      const names = ['Octocat/Hello-World', 'octocat/hello-world', 'nodejs/node'].map(parseRepoName);
      const first = await registerRepositories(db, names);
      expect(first.added.map((r) => r.fullName)).toEqual(['Octocat/Hello-World', 'nodejs/node']);
      expect(first.existing).toEqual([]);
      const again = await registerRepositories(db, [parseRepoName('OCTOCAT/HELLO-WORLD')]);
      expect(again.added).toEqual([]);
      expect(again.existing.map((r) => r.fullName)).toEqual(['Octocat/Hello-World']);
      expect(again.existing[0]).toMatchObject({ state: 'never', githubId: null, topics: [] });
      const listed = await listRepositories(db);
      expect(listed.filter((r) => /hello-world|node$/i.test(r.fullName))).toHaveLength(2);
    });

    it('keeps portfolios with members, case-insensitive names and filtering', async () => {
      const id = await registerOne(db, 'pf/one');
      await registerOne(db, 'pf/two');
      const portfolio = await upsertPortfolio(db, 'Core');
      expect(await upsertPortfolio(db, 'core')).toEqual(portfolio);
      expect(await upsertPortfolioMembers(db, portfolio.id, [id, id])).toBe(1);
      expect(await upsertPortfolioMembers(db, portfolio.id, [id])).toBe(0);
      expect((await listRepositories(db, { portfolio: 'CORE' })).map((r) => r.fullName)).toEqual(['pf/one']);
      expect((await listPortfolioNamesByRepository(db, [id])).get(id)).toEqual(['Core']);
      expect(await listPortfolios(db)).toEqual([
        expect.objectContaining({ name: 'Core', repositoryCount: 1 }),
      ]);
    });

    it('follows a rename by GitHub id and still finds the repository under its old name', async () => {
      // Registered under its old name; GitHub's first answer (after a 301) already has the new one.
      const id = await registerOne(db, 'old-owner/widgets');
      const renamed = await updateRepositoryMetadata(db, id, metadata({ owner: 'acme', name: 'widgets' }));
      expect(renamed).toMatchObject({
        id,
        fullName: 'acme/widgets',
        githubId: 3_000_000_001,
        description: 'Widgets for all',
        topics: ['cli', 'health'],
      });
      expect((await findRepositoryByFullName(db, 'OLD-OWNER/widgets'))?.id).toBe(id);
      expect((await findRepositoryByGithubId(db, 3_000_000_001))?.id).toBe(id);
      expect((await listRepositoryNames(db, id)).map((n) => n.fullName).sort()).toEqual([
        'acme/widgets',
        'old-owner/widgets',
      ]);
      // Registering the old name again is a no-op, not a second copy of the repository.
      const again = await registerRepositories(db, [parseRepoName('old-owner/widgets')]);
      expect(again.added).toEqual([]);
      expect(again.existing[0]?.id).toBe(id);
      await setRepositoryState(db, id, { state: 'gone', reason: 'GitHub answered 404' });
      expect(await getRepository(db, id)).toMatchObject({
        state: 'gone',
        stateReason: 'GitHub answered 404',
      });
    });

    it('registers with GitHub ids: identity by id, an id given to a row known by name, a name re-used left alone', async () => {
      const named = await registerOne(db, 'ids/by-name');
      const first = await registerRepositories(db, [
        { ...parseRepoName('ids/new'), githubId: 4_000_000_001 },
        { ...parseRepoName('IDS/by-name'), githubId: 4_000_000_002 },
      ]);
      expect(first.added.map((r) => [r.fullName, r.githubId])).toEqual([['ids/new', 4_000_000_001]]);
      expect(first.existing.map((r) => [r.id, r.githubId])).toEqual([[named, 4_000_000_002]]);
      // Renamed on GitHub since: the same id under a new name is the registered row, not a new one.
      const renamed = await registerRepositories(db, [
        { ...parseRepoName('ids/new-name'), githubId: 4_000_000_001 },
      ]);
      expect(renamed.added).toEqual([]);
      expect(renamed.existing.map((r) => r.fullName)).toEqual(['ids/new']);
      // The name now belongs to another GitHub repository: the row keeps its id (the crawl says why).
      const reused = await registerRepositories(db, [
        { ...parseRepoName('ids/by-name'), githubId: 4_000_000_003 },
      ]);
      expect(reused.added).toEqual([]);
      expect(reused.existing.map((r) => [r.id, r.githubId])).toEqual([[named, 4_000_000_002]]);
      expect(await findRepositoryByGithubId(db, 4_000_000_003)).toBeUndefined();
    });
  });

  describe('bulk upserts', () => {
    let repositoryId: number;
    beforeAll(async () => {
      repositoryId = await registerOne(db, 'bulk/upserts');
    });

    async function upsertEverything() {
      return {
        commits: await upsertCommits(
          db,
          repositoryId,
          range(300).map((i) => makeCommit(i)),
        ),
        issues: await upsertIssues(
          db,
          repositoryId,
          range(40).map((i) => makeIssue(i)),
        ),
        comments: await upsertIssueComments(
          db,
          repositoryId,
          range(120).map((i) => makeIssueComment(i)),
        ),
        reviews: await upsertReviews(
          db,
          repositoryId,
          range(30).map((i) => makeReview(i)),
        ),
        reviewComments: await upsertReviewComments(
          db,
          repositoryId,
          range(25).map((i) => makeReviewComment(i)),
        ),
        releases: await upsertReleases(
          db,
          repositoryId,
          range(6).map((i) => makeRelease(i)),
        ),
        contributors: await upsertContributors(
          db,
          repositoryId,
          range(12).map((i) => makeContributor(i)),
        ),
      };
    }

    it('are idempotent: the second run inserts and updates nothing, counts stay', async () => {
      const first = await upsertEverything();
      expect(first.commits).toEqual({ inserted: 300, updated: 0, unchanged: 0 });
      expect(first.contributors).toEqual({ inserted: 12, updated: 0, unchanged: 0 });
      const counts = await countRowsForRepository(db, repositoryId);
      expect(counts).toEqual({
        commits: 300,
        issues: 20,
        pullRequests: 20,
        issueComments: 120,
        reviews: 30,
        releases: 6,
        contributors: 12,
      });
      const second = await upsertEverything();
      for (const result of Object.values(second)) expect(result.inserted + result.updated).toBe(0);
      expect(second.reviewComments.unchanged).toBe(25);
      expect(await countRowsForRepository(db, repositoryId)).toEqual(counts);
    });

    it('update changed rows only and collapse duplicate keys within a batch (last wins)', async () => {
      const changed = makeIssue(3, { state: 'open', closedAt: null, labels: ['bug', 'help wanted'] });
      const result = await upsertIssues(db, repositoryId, [makeIssue(1), makeIssue(3), changed]);
      expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
      const [issue] = await listIssues(db, repositoryId, { pullRequests: false, limit: 2 }).then((l) =>
        l.filter((i) => i.number === 3),
      );
      expect(issue).toMatchObject({ state: 'open', closedAt: null, labels: ['bug', 'help wanted'] });
    });

    it('keep instants, original UTC offsets and big GitHub ids exactly', async () => {
      const authoredAt = new Date('2024-06-27T05:04:09Z');
      const commit = makeCommit(10_001, {
        authoredAt,
        authorUtcOffsetMinutes: -420,
        committerUtcOffsetMinutes: 345,
        authorUserId: 9_007_199_254_740_991,
      });
      await upsertCommits(db, repositoryId, [commit]);
      const [stored] = (await listCommits(db, repositoryId, { since: authoredAt })).filter(
        (c) => c.sha === commit.sha,
      );
      expect(stored).toEqual({ ...commit, repositoryId });
      expect(stored?.authoredAt.toISOString()).toBe('2024-06-27T05:04:09.000Z');
      expect(await findKnownCommitShas(db, repositoryId, [commit.sha, 'f'.repeat(40)])).toEqual(
        new Set([commit.sha]),
      );
    });

    it('keep instants exactly from year 1 to 9999, in any session time zone', async () => {
      const instants = [
        '0001-01-01T00:00:00.000Z',
        '1969-12-31T23:59:59.999Z',
        '2024-03-31T01:30:00.000Z', // inside Europe's spring-forward hour
        '2024-10-27T01:59:59.999Z',
        '9999-12-31T23:59:59.999Z',
      ].map((iso) => new Date(iso));
      const commits = instants.map((at, i) =>
        makeCommit(30_001 + i, { authoredAt: at, committedAt: new Date(at.getTime() - 1) }),
      );
      await db.transaction().execute(async (trx) => {
        await sql`set local time zone 'Europe/Berlin'`.execute(trx);
        await upsertCommits(trx, repositoryId, commits);
      });
      // Read as epoch microseconds (no drift hides): PGlite's parser misreads year 1 as 2001.
      const { rows } = await sql<{ sha: string; authored: string; committed: string }>`
        select sha, (extract(epoch from authored_at) * 1000000)::bigint::text as authored,
               (extract(epoch from committed_at) * 1000000)::bigint::text as committed
          from "commit" where repository_id = ${repositoryId} and sha > ${makeCommit(30_000).sha}
         order by sha`.execute(db);
      expect(rows).toEqual(
        commits.map((c) => ({
          sha: c.sha,
          authored: `${c.authoredAt.getTime()}000`,
          committed: `${c.committedAt.getTime()}000`,
        })),
      );
    });

    it('store hostile text: NUL, quotes, braces, "NULL", odd Unicode and a 1 MB title', async () => {
      const hostile = 'a\u0000b "q" \\ {x,y} NULL 北京 🚀 \u202e\ud800';
      const huge = 'x'.repeat(1_000_000);
      await upsertIssues(db, repositoryId, [
        makeIssue(9_001, {
          title: huge,
          labels: [hostile, 'NULL', '', '{}'],
          authorLogin: null,
          authorUserId: null,
        }),
        makeIssue(9_003, { title: hostile }),
      ]);
      await upsertCommits(db, repositoryId, [
        makeCommit(20_001, { authorName: hostile, messageHeadline: `${hostile}\nbody` }),
      ]);
      const issues = (await listIssues(db, repositoryId)).filter((i) => i.number > 9_000);
      const clean = hostile.replace('\u0000', '');
      expect(issues[0]?.title).toHaveLength(1_000_000);
      expect(issues[0]?.labels.slice(1)).toEqual(['NULL', '', '{}']);
      // A lone surrogate cannot travel as UTF-8; both engines receive U+FFFD instead.
      expect(issues[0]?.labels[0]).toBe(clean.replace('\ud800', '\ufffd'));
      expect(issues[0]?.authorLogin).toBeNull();
      expect(issues[1]?.title).toBe(clean.replace('\ud800', '\ufffd'));
      const [commit] = (await listCommits(db, repositoryId)).filter((c) => c.sha === makeCommit(20_001).sha);
      expect(commit?.messageHeadline).toBe(clean.replace('\ud800', '\ufffd'));
    });

    it('store a batch whose texts all take the unescaped path: braces, commas, "NULL", empty, Unicode', async () => {
      const titles = ['NULL', '', '{a,b}', 'x, y', ' lead and trail ', '北京 🚀', "it's"];
      await upsertIssues(
        db,
        repositoryId,
        titles.map((title, i) => makeIssue(9_101 + 2 * i, { title })), // odd: issues, not pull requests
      );
      const stored = (await listIssues(db, repositoryId)).filter((i) => i.number > 9_100);
      expect(stored.map((i) => i.title)).toEqual(titles);
    });
    it('list pull requests updated since a watermark', async () => {
      const numbers = await listPullRequestNumbersUpdatedSince(db, repositoryId, makeIssue(30).updatedAt);
      expect(numbers).toEqual([30, 32, 34, 36, 38, 40]);
      expect((await listPullRequestNumbersUpdatedSince(db, repositoryId, null)).length).toBe(20);
    });

    it('write pull request details in one go, to pull requests only, keeping unlisted ones', async () => {
      const details = (number: number, additions: number) => ({
        number,
        mergedByLogin: `merger-${number}`,
        additions,
        deletions: 2,
        changedFiles: null,
      });
      // 30 and 32 are pull requests, 31 an issue (makeIssue: even numbers are PRs), 999 unknown.
      await updatePullRequestDetails(db, repositoryId, [details(30, 11), details(31, 12), details(999, 13)]);
      await updatePullRequestDetails(db, repositoryId, [details(32, 14)]);
      const byNumber = new Map((await listIssues(db, repositoryId)).map((i) => [i.number, i]));
      expect(byNumber.get(30)).toMatchObject({
        mergedByLogin: 'merger-30',
        additions: 11,
        changedFiles: null,
      });
      expect(byNumber.get(32)).toMatchObject({ mergedByLogin: 'merger-32', additions: 14, deletions: 2 });
      expect(byNumber.get(31)?.mergedByLogin).toBe(makeIssue(31).mergedByLogin);
      expect(byNumber.get(31)?.additions).toBe(makeIssue(31).additions);
      expect(byNumber.has(999)).toBe(false);
      await updatePullRequestDetails(db, repositoryId, []);
    });

    it('drop contributors GitHub no longer lists', async () => {
      const keep = range(12)
        .filter((i) => i !== 3 && i !== 5)
        .map((i) => makeContributor(i));
      expect(await deleteContributorsExcept(db, repositoryId, keep)).toBe(2);
      const stored = await listContributors(db, repositoryId);
      expect(stored).toHaveLength(10);
      expect(stored.find((c) => c.isAnonymous)).toMatchObject({ key: 'anon:anon7@example.com', login: null });
    });

    it(`take 20,000 commits in one call (${engine})`, async () => {
      const id = await registerOne(db, `bulk/big-${engine}`);
      const commits = range(20_000).map((i) => makeCommit(i));
      const started = performance.now();
      expect(await upsertCommits(db, id, commits)).toEqual({ inserted: 20_000, updated: 0, unchanged: 0 });
      const insertMs = performance.now() - started;
      expect(await upsertCommits(db, id, commits)).toEqual({ inserted: 0, updated: 0, unchanged: 20_000 });
      expect((await countRowsForRepository(db, id)).commits).toBe(20_000);
      process.stderr.write(`[store] ${engine}: 20,000 commits upserted in ${Math.round(insertMs)} ms\n`);
    });
  });

  describe('users', () => {
    it('keep fetched profiles when an author reference arrives later, and know who needs a refresh', async () => {
      const repositoryId = await registerOne(db, 'users/repo');
      await upsertCommits(db, repositoryId, [
        makeCommit(1, { authorUserId: 1001, authorLogin: 'dev1' }),
        makeCommit(2, { authorUserId: 1002, authorLogin: 'dev2' }),
      ]);
      await upsertUserRefs(db, [
        { id: 1001, login: 'dev1', type: 'User' },
        { id: 1002, login: 'dev2', type: 'User' },
        { id: 1003, login: 'dependabot[bot]', type: 'Bot' },
      ]);
      expect(await upsertUsers(db, [makeUserProfile(1)])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      expect(
        await upsertUserRefs(db, [
          { id: 1001, login: 'Dev1', type: 'User' },
          { id: 1002, login: 'dev2', type: 'User' },
          { id: 1004, login: 'dev4', type: 'User' },
        ]),
      ).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
      expect(await findUser(db, 1001)).toMatchObject({ login: 'Dev1', location: 'Berlin', isBot: false });
      expect((await findUser(db, 1003))?.isBot).toBe(true);
      expect((await findUsersByLogin(db, 'DEV1')).map((u) => u.id)).toEqual([1001]);
      const due = await listUsersToRefresh(db, { observedBefore: new Date('2030-01-01'), repositoryId });
      expect(due.map((u) => u.id)).toEqual([1002, 1001]);
      const dueSoon = await listUsersToRefresh(db, { observedBefore: new Date('2000-01-01'), repositoryId });
      expect(dueSoon.map((u) => u.id)).toEqual([1002]);
    });
  });

  // PGlite has one connection: a second transaction cannot run beside an open one there.
  (engine === 'postgres' ? it : it.skip)(
    'upsert unchanged user refs without locking them: no queue behind an open transaction',
    async () => {
      const refs = [{ id: 45_001, login: 'lockless', type: 'User' as const }];
      await upsertUserRefs(db, refs);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let upserted = () => {};
      const firstUpserted = new Promise<void>((resolve) => (upserted = resolve));
      const first = db.transaction().execute(async (trx) => {
        await upsertUserRefs(trx, refs);
        upserted();
        await held;
      });
      await firstUpserted;
      try {
        const second = await db.transaction().execute(async (trx) => {
          await sql`set local lock_timeout = '5s'`.execute(trx);
          return upsertUserRefs(trx, refs);
        });
        expect(second).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      } finally {
        release();
        await first;
      }
    },
  );

  it('let concurrent transactions upsert overlapping users in any order without deadlocks', async () => {
    const refs = range(3_000).map((i) => ({ id: 50_000 + i, login: `u${i}`, type: 'User' as const }));
    const shuffled = (seed: number) =>
      [...refs].sort((a, b) => ((a.id * 7919 + seed) % 3_001) - ((b.id * 7919 + seed) % 3_001));
    const runs = range(6).map((seed) =>
      db.transaction().execute(async (trx) => {
        await upsertUserRefs(trx, seed % 2 === 0 ? shuffled(seed) : [...refs].reverse());
        await upsertUserRefs(
          trx,
          shuffled(seed + 100).map((r) => ({ ...r, login: `${r.login}-${seed}` })),
        );
      }),
    );
    await expect(Promise.all(runs)).resolves.toHaveLength(6);
    const stored = await sql<{ n: number }>`select count(*) as n from github_user where id > 50000`.execute(
      db,
    );
    expect(Number(stored.rows[0]?.n)).toBe(3_000);
  });

  describe('crawl state and HTTP cache', () => {
    it('patch only the given fields of a crawl state', async () => {
      const repositoryId = await registerOne(db, 'crawl/state');
      const watermarkAt = new Date('2024-05-01T00:00:00Z');
      await upsertCrawlState(db, repositoryId, 'issues', { watermarkAt, status: 'running' });
      const ok = await upsertCrawlState(db, repositoryId, 'issues', { status: 'ok', lastError: null });
      expect(ok).toMatchObject({ entity: 'issues', watermarkAt, status: 'ok', cursor: null });
      await upsertCrawlState(db, repositoryId, 'commits', { cursor: 'abc', lastError: 'e'.repeat(5_000) });
      const commits = await findCrawlState(db, repositoryId, 'commits');
      expect(commits?.lastError?.length).toBeLessThan(2_100);
      expect((await listCrawlStates(db, repositoryId)).map((s) => s.entity)).toEqual(['commits', 'issues']);
    });

    it('keep ETags per credential and URL and drop them with the repository', async () => {
      const repositoryId = await registerOne(db, 'http/cache');
      const url = 'https://api.github.com/repos/http/cache';
      await upsertHttpCacheEntry(db, {
        credentialFingerprint: 'fp-a',
        url,
        repositoryId,
        etag: 'W/"1"',
        lastModified: null,
      });
      await upsertHttpCacheEntry(db, {
        credentialFingerprint: 'fp-b',
        url,
        repositoryId,
        etag: 'W/"2"',
        lastModified: null,
      });
      await upsertHttpCacheEntry(db, {
        credentialFingerprint: 'fp-a',
        url,
        repositoryId,
        etag: 'W/"3"',
        lastModified: null,
      });
      expect((await findHttpCacheEntry(db, 'fp-a', url))?.etag).toBe('W/"3"');
      expect((await findHttpCacheEntry(db, 'fp-b', url))?.etag).toBe('W/"2"');
      expect(await deleteHttpCacheEntries(db, repositoryId)).toBe(2);
      expect(await findHttpCacheEntry(db, 'fp-a', url)).toBeUndefined();
    });
  });

  it('deleteRepository removes every row stored for it and nothing else', async () => {
    const doomed = await registerOne(db, 'delete/me');
    const kept = await registerOne(db, 'delete/not-me');
    for (const id of [doomed, kept]) {
      await upsertCommits(
        db,
        id,
        range(5).map((i) => makeCommit(i)),
      );
      await upsertIssues(
        db,
        id,
        range(4).map((i) => makeIssue(i)),
      );
      await upsertIssueComments(
        db,
        id,
        range(3).map((i) => makeIssueComment(i)),
      );
      await upsertReviews(
        db,
        id,
        range(2).map((i) => makeReview(i)),
      );
      await upsertReviewComments(
        db,
        id,
        range(2).map((i) => makeReviewComment(i)),
      );
      await upsertCrawlState(db, id, 'commits', { status: 'ok' });
      await upsertHttpCacheEntry(db, {
        credentialFingerprint: 'fp',
        url: `u${id}`,
        repositoryId: id,
        etag: 'e',
        lastModified: null,
      });
    }
    const before = await countRowsForRepository(db, kept);
    expect(await deleteRepository(db, doomed)).toBe(true);
    expect(await deleteRepository(db, doomed)).toBe(false);
    expect(await countRowsForRepository(db, doomed)).toEqual({
      commits: 0,
      issues: 0,
      pullRequests: 0,
      issueComments: 0,
      reviews: 0,
      releases: 0,
      contributors: 0,
    });
    const leftovers = await sql<{ n: number }>`
      select (select count(*) from review_comment where repository_id = ${doomed})
           + (select count(*) from crawl_state where repository_id = ${doomed})
           + (select count(*) from http_cache where repository_id = ${doomed}) as n`.execute(db);
    expect(Number(leftovers.rows[0]?.n)).toBe(0);
    expect(await countRowsForRepository(db, kept)).toEqual(before);
    expect(await bulkRowsOf(db, kept)).toEqual([5, 4, 3, 2, 2]);
    // Also inside a caller's transaction (repo remove, a rename's placeholder row), as that caller sees it.
    await db.transaction().execute(async (trx) => {
      expect(await deleteRepository(trx, kept)).toBe(true);
      expect(await bulkRowsOf(trx, kept)).toEqual([0, 0, 0, 0, 0]);
    });
    expect(await bulkRowsOf(db, kept)).toEqual([0, 0, 0, 0, 0]);
  });

  it('a repository deleted by hand in SQL takes its bulk rows with it (no foreign key there)', async () => {
    const doomed = await registerOne(db, 'by-hand/doomed');
    const kept = await registerOne(db, 'by-hand/kept');
    for (const id of [doomed, kept]) {
      await upsertCommits(db, id, [makeCommit(1), makeCommit(2)]);
      await upsertIssues(db, id, [makeIssue(1)]);
      await upsertIssueComments(db, id, [makeIssueComment(1)]);
      await upsertReviews(db, id, [makeReview(1)]);
      await upsertReviewComments(db, id, [makeReviewComment(1)]);
    }
    await sql`delete from repository where id = ${doomed}`.execute(db);
    expect(await bulkRowsOf(db, doomed)).toEqual([0, 0, 0, 0, 0]);
    expect(await bulkRowsOf(db, kept)).toEqual([2, 1, 1, 1, 1]);
  });

  it('refuses bulk rows for a repository that is not registered (any more) and writes none', async () => {
    const removed = await registerOne(db, 'delete/gone');
    expect(await deleteRepository(db, removed)).toBe(true);
    const writes = [
      (id: number) => upsertCommits(db, id, [makeCommit(1)]),
      (id: number) => upsertIssues(db, id, [makeIssue(1)]),
      (id: number) => upsertIssueComments(db, id, [makeIssueComment(1)]),
      (id: number) => upsertReviews(db, id, [makeReview(1)]),
      (id: number) => upsertReviewComments(db, id, [makeReviewComment(1)]),
    ];
    for (const id of [removed, 987_654]) {
      for (const write of writes) {
        await expect(write(id)).rejects.toMatchObject({ code: 'REPO_NOT_REGISTERED', details: { id } });
      }
      expect(await bulkRowsOf(db, id)).toEqual([0, 0, 0, 0, 0]);
    }
    // Nothing to write needs no repository (as with the foreign key).
    expect(await upsertCommits(db, removed, [])).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
  });
});

/** Rows of commit, issue, issue_comment, review and review_comment (the tables without a foreign key). */
async function bulkRowsOf(db: Kysely<Database>, repositoryId: number): Promise<number[]> {
  const tables = ['commit', 'issue', 'issue_comment', 'review', 'review_comment'];
  const counts: number[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::integer as n from ${sql.table(table)} where repository_id = ${repositoryId}`.execute(
      db,
    );
    counts.push(rows[0]?.n ?? -1);
  }
  return counts;
}
