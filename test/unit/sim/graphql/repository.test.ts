import { describe, expect, it } from '@jest/globals';
import { createGraphqlEngine } from '../../../../src/sim/graphql/index.js';
import { rateLimitView, testWorld } from './world-fixture.js';

const engine = createGraphqlEngine();

async function run(query: string, variables?: Record<string, unknown>) {
  return engine.execute(query, variables, { world: testWorld(), rateLimit: rateLimitView });
}

describe('repository', () => {
  it('renders metadata, following a rename from the former name', async () => {
    const result = await run(`{ repository(owner: "ACME", name: "old-rocket") {
      id databaseId name nameWithOwner owner { login __typename } description isArchived isFork isEmpty
      pushedAt createdAt updatedAt stargazerCount forkCount primaryLanguage { name } licenseInfo { spdxId }
      defaultBranchRef { name } } }`);
    expect(result).toEqual({
      data: {
        repository: {
          id: 'MDEwOlJlcG9zaXRvcnk1MDA=',
          databaseId: 500,
          name: 'rocket',
          nameWithOwner: 'acme/rocket',
          owner: { login: 'acme', __typename: 'Organization' },
          description: 'Goes up',
          isArchived: false,
          isFork: false,
          isEmpty: false,
          pushedAt: '2024-01-01T00:00:00Z',
          createdAt: '2020-01-01T00:00:00Z',
          updatedAt: '2024-01-02T00:00:00Z',
          stargazerCount: 42,
          forkCount: 7,
          primaryLanguage: { name: 'TypeScript' },
          licenseInfo: { spdxId: 'MIT' },
          defaultBranchRef: { name: 'main' },
        },
      },
    });
  });

  it('answers a missing or deleted repository with null and NOT_FOUND, like GitHub', async () => {
    for (const name of ['nope', 'gone']) {
      const result = await run(`query($name: String!) { repository(owner: "acme", name: $name) { id } }`, {
        name,
      });
      expect(result).toEqual({
        data: { repository: null },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['repository'],
            locations: [{ line: 1, column: 25 }],
            message: `Could not resolve to a Repository with the name 'acme/${name}'.`,
          },
        ],
      });
    }
  });

  it('does not follow renames when followRenames is false', async () => {
    const result = await run(
      `{ repository(owner: "acme", name: "old-rocket", followRenames: false) { id } }`,
    );
    expect(result.errors?.[0]?.type).toBe('NOT_FOUND');
  });

  it('shows an empty repository with isEmpty and no default branch', async () => {
    const result = await run(
      `{ repository(owner: "acme", name: "empty") { isEmpty defaultBranchRef { name } } }`,
    );
    expect(result).toEqual({ data: { repository: { isEmpty: true, defaultBranchRef: null } } });
  });

  it('lists issues (not pull requests) with states and filterBy.since', async () => {
    const result = await run(`{ repository(owner: "acme", name: "rocket") {
      all: issues(first: 10) { totalCount nodes { number state author { login } comments { totalCount } } }
      open: issues(first: 10, states: [OPEN]) { totalCount }
      recent: issues(first: 10, filterBy: { since: "2023-06-04T00:00:00Z" }) { nodes { number } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      repository: {
        all: {
          totalCount: 2,
          nodes: [
            { number: 1, state: 'OPEN', author: { login: 'bob' }, comments: { totalCount: 1 } },
            { number: 3, state: 'CLOSED', author: { login: 'bob' }, comments: { totalCount: 0 } },
          ],
        },
        open: { totalCount: 1 },
        recent: { nodes: [{ number: 3 }] },
      },
    });
  });

  it('lists pull requests with nested reviews (ghost author → null)', async () => {
    const result = await run(`{ repository(owner: "acme", name: "rocket") {
      pullRequests(first: 50, orderBy: { field: UPDATED_AT, direction: DESC }, states: [MERGED]) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { number state merged mergedAt mergedBy { login } additions baseRefName
          reviews(first: 100) { totalCount nodes { databaseId state submittedAt author { login } } } } } } }`);
    expect(result.errors).toBeUndefined();
    const prs = (result.data as { repository: { pullRequests: { nodes: unknown[] } } }).repository
      .pullRequests;
    expect(prs.nodes).toEqual([
      {
        number: 2,
        state: 'MERGED',
        merged: true,
        mergedAt: '2023-02-01T00:00:00Z',
        mergedBy: { login: 'alice' },
        additions: 10,
        baseRefName: 'main',
        reviews: {
          totalCount: 2,
          nodes: [
            {
              databaseId: 7001,
              state: 'APPROVED',
              submittedAt: '2023-01-31T08:00:00Z',
              author: { login: 'alice' },
            },
            { databaseId: 7002, state: 'COMMENTED', submittedAt: '2023-01-31T11:00:00Z', author: null },
          ],
        },
      },
    ]);
  });

  it('pages issues with cursors that survive re-sorting', async () => {
    const first = await run(`{ repository(owner: "acme", name: "rocket") {
      issues(first: 1, orderBy: { field: CREATED_AT, direction: DESC }) { pageInfo { hasNextPage endCursor } nodes { number } } } }`);
    const page = (
      first.data as { repository: { issues: { pageInfo: { endCursor: string }; nodes: unknown[] } } }
    ).repository.issues;
    expect(page.nodes).toEqual([{ number: 3 }]);
    const second = await run(
      `query($after: String) { repository(owner: "acme", name: "rocket") {
        issues(first: 1, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) { pageInfo { hasNextPage } nodes { number } } } }`,
      { after: page.pageInfo.endCursor },
    );
    expect(second.data).toEqual({
      repository: { issues: { pageInfo: { hasNextPage: false }, nodes: [{ number: 1 }] } },
    });
  });

  it('lists releases newest first', async () => {
    const result = await run(`{ repository(owner: "acme", name: "rocket") {
      releases(first: 10) { totalCount nodes { tagName name isPrerelease publishedAt author { login } } } } }`);
    expect(result.data).toEqual({
      repository: {
        releases: {
          totalCount: 2,
          nodes: [
            {
              tagName: 'v2.0.0',
              name: 'Two',
              isPrerelease: false,
              publishedAt: '2023-06-01T00:00:00Z',
              author: { login: 'alice' },
            },
            {
              tagName: 'v1.0.0',
              name: 'One',
              isPrerelease: false,
              publishedAt: '2023-01-01T00:00:00Z',
              author: { login: 'alice' },
            },
          ],
        },
      },
    });
  });

  it('refuses arguments it does not model instead of ignoring them', async () => {
    const result = await run(`{ repository(owner: "acme", name: "rocket") {
      issues(first: 10, filterBy: { assignee: "alice" }) { totalCount } } }`);
    expect(result.errors?.[0]?.message).toBe(
      'OSS Vitals simulator: argument Repository.issues(filterBy)(assignee:) is not implemented',
    );
  });
});

describe('database ids past 2^31', () => {
  it('fail on the 32-bit databaseId like GitHub, and come whole from fullDatabaseId', async () => {
    const world = testWorld();
    const target = world.repos[0]?.issues[0];
    if (!target) throw new Error('fixture has issues');
    target.id = 2_200_000_001;
    const result = await engine.execute(
      `{ repository(owner: "acme", name: "rocket") { issue(number: 1) { fullDatabaseId databaseId } } }`,
      undefined,
      { world, rateLimit: rateLimitView },
    );
    expect(result.data).toEqual({
      repository: { issue: { fullDatabaseId: '2200000001', databaseId: null } },
    });
    expect(result.errors?.[0]?.message).toContain('32-bit');
  });
});
