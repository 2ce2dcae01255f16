import { describe, expect, it } from '@jest/globals';
import { createGraphqlEngine } from '../../../../src/sim/graphql/index.js';
import type { World } from '../../../../src/sim/world.js';
import { linearCommits, rateLimitView, repo, testWorld, user } from './world-fixture.js';

const engine = createGraphqlEngine();

const HISTORY = `query($owner: String!, $name: String!, $after: String, $since: GitTimestamp, $until: GitTimestamp) {
  repository(owner: $owner, name: $name) {
    defaultBranchRef { name target { ... on Commit {
      history(first: 100, after: $after, since: $since, until: $until) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { oid messageHeadline committedDate authoredDate parents { totalCount } additions deletions
          changedFilesIfAvailable
          author { name email date user { login databaseId } }
          committer { name email date user { login databaseId } } } } } } } } }`;

interface HistoryNode {
  oid: string;
  authoredDate: string;
  committedDate: string;
  author: { date: string; user: { login: string } | null };
}
interface HistoryPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: HistoryNode[];
}

async function historyPage(world: World, variables: Record<string, unknown> = {}): Promise<HistoryPage> {
  const result = await engine.execute(
    HISTORY,
    { owner: 'acme', name: 'rocket', ...variables },
    {
      world,
      rateLimit: rateLimitView,
    },
  );
  expect(result.errors).toBeUndefined();
  const data = result.data as { repository: { defaultBranchRef: { target: { history: HistoryPage } } } };
  return data.repository.defaultBranchRef.target.history;
}

async function walkAll(world: World, variables: Record<string, unknown> = {}): Promise<string[]> {
  const oids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await historyPage(world, { ...variables, after });
    oids.push(...page.nodes.map((n) => n.oid));
    if (!page.pageInfo.hasNextPage) return oids;
    after = page.pageInfo.endCursor;
  }
}

describe('Commit.history', () => {
  it('pages newest-first, 100 at a time, with cursors like GitHub’s "SHA N"', async () => {
    const world = testWorld();
    const first = await historyPage(world);
    expect(first.totalCount).toBe(250);
    expect(first.nodes).toHaveLength(100);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const head = world.repos[0]?.commits[0]?.sha;
    expect(Buffer.from(first.pageInfo.endCursor ?? '', 'base64').toString()).toBe(`${head} 99`);
    const all = await walkAll(world);
    expect(all).toEqual(world.repos[0]?.commits.map((c) => c.sha));
  });

  it('keeps the author’s UTC offset in author.date while authoredDate is UTC', async () => {
    const world = testWorld();
    const commit = world.repos[0]?.commits[0];
    if (!commit) throw new Error('fixture has commits');
    commit.author = { name: 'Wei', email: 'wei@example.com', date: '2021-03-01T09:00:00-05:00' };
    commit.committer = { name: 'Wei', email: 'wei@example.com', date: '2024-06-27T13:04:09+08:00' };
    const page = await historyPage(world);
    expect(page.nodes[0]).toMatchObject({
      authoredDate: '2021-03-01T14:00:00Z',
      committedDate: '2024-06-27T05:04:09Z',
      author: { date: '2021-03-01T09:00:00-05:00', user: { login: 'alice' } },
    });
  });

  it('filters by since/until on the committer date', async () => {
    const world = testWorld();
    // Commits are hourly back from 2024-01-01T00:00Z: the last 24 hours of 2023 hold 24 commits.
    const page = await historyPage(world, { since: '2023-12-31T00:00:00Z', until: '2023-12-31T23:00:00Z' });
    expect(page.totalCount).toBe(24);
    expect(page.nodes[0]?.committedDate).toBe('2023-12-31T23:00:00Z');
    expect(page.nodes[23]?.committedDate).toBe('2023-12-31T00:00:00Z');
    const sinceOnly = await walkAll(world, { since: '2023-12-25T00:00:00+08:00' });
    expect(sinceOnly).toHaveLength(24 * 7 + 8 + 1);
  });

  it('filters correctly when committer dates are out of order', async () => {
    const world = testWorld();
    const commits = world.repos[0]?.commits ?? [];
    // Swap two committer dates: the walk must fall back to a date-sorted order.
    const a = commits[10];
    const b = commits[20];
    if (!a || !b) throw new Error('fixture has commits');
    [a.committer, b.committer] = [b.committer, a.committer];
    const expected = commits
      .filter((c) => Date.parse(c.committer.date) >= Date.parse('2023-12-31T00:00:00Z'))
      .map((c) => c.sha)
      .sort();
    const got = await walkAll(world, { since: '2023-12-31T00:00:00Z' });
    expect([...got].sort()).toEqual(expected);
  });

  it('continues where it was when new commits are pushed between pages', async () => {
    const world = testWorld();
    const repository = world.repos[0];
    if (!repository) throw new Error('fixture has a repository');
    const first = await historyPage(world);
    const hundredAndFirst = repository.commits[100]?.sha;
    repository.commits.unshift(...linearCommits(5).map((c, i) => ({ ...c, sha: `f${i}`.padEnd(40, 'f') })));
    const second = await historyPage(world, { after: first.pageInfo.endCursor });
    expect(second.nodes[0]?.oid).toBe(hundredAndFirst);
    expect(second.nodes).toHaveLength(100);
  });

  it('counts commits pushed after the date index was built in since/until walks', async () => {
    const world = testWorld();
    const repository = world.repos[0];
    if (!repository) throw new Error('fixture has a repository');
    const before = await historyPage(world, { since: '2023-12-31T00:00:00Z' });
    const pushed = linearCommits(5).map((c, i) => ({
      ...c,
      sha: `e${i}`.padEnd(40, 'e'),
      committer: { ...c.committer, date: `2024-01-0${2 + i}T12:00:00+09:00` },
    }));
    repository.commits.unshift(...pushed.reverse());
    const after = await historyPage(world, { since: '2023-12-31T00:00:00Z' });
    expect(after.totalCount).toBe(before.totalCount + 5);
    expect(after.nodes.slice(0, 5).map((n) => n.oid)).toEqual(
      repository.commits.slice(0, 5).map((c) => c.sha),
    );
    const onlyPushed = await historyPage(world, { since: '2024-01-02T00:00:00Z' });
    expect(onlyPushed.totalCount).toBe(5);
  });

  it('answers an unknown cursor with an error, not a wrong page', async () => {
    const result = await engine.execute(
      HISTORY,
      { owner: 'acme', name: 'rocket', after: 'bm9wZQ==' },
      {
        world: testWorld(),
        rateLimit: rateLimitView,
      },
    );
    expect(result.errors?.[0]).toMatchObject({ type: 'INVALID_CURSOR_ARGUMENTS' });
  });

  it('serves a deep page of a large history as fast as the first (O(page))', async () => {
    const commits = linearCommits(200_000);
    const world: World = { users: [user(1, 'alice')], repos: [repo({ commits })] };
    await historyPage(world); // warm-up: schema, query cache, JIT
    await historyPage(world, { since: '1990-01-01T00:00:00Z' }); // builds the date index once
    const time = async (variables: Record<string, unknown>): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < 5; i++) await historyPage(world, variables);
      return (performance.now() - started) / 5;
    };
    const deepCursor = Buffer.from(`${commits[0]?.sha} 199000`).toString('base64');
    const firstPageMs = await time({});
    const deepPageMs = await time({ after: deepCursor, since: '1990-01-01T00:00:00Z' });
    const deep = await historyPage(world, { after: deepCursor });
    expect(deep.nodes[0]?.oid).toBe(commits[199_001]?.sha);
    expect(deep.totalCount).toBe(200_000);
    // A scan of 200k commits per page would take well over these bounds.
    expect(deepPageMs).toBeLessThan(Math.max(50, firstPageMs * 5));
  });
});
