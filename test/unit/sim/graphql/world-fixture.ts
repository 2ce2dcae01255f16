import type { SimCommit, SimIssue, SimRepo, SimUser, World } from '../../../../src/sim/world.js';
import type { RateLimitView } from '../../../../src/sim/graphql/index.js';

/** A small hand-made world for GraphQL engine tests; every value is chosen so tests can assert it. */
export function user(id: number, login: string, extra: Partial<SimUser> = {}): SimUser {
  return {
    id,
    login,
    type: 'User',
    name: `Name ${login}`,
    company: null,
    blog: null,
    location: null,
    email: null,
    bio: null,
    twitterUsername: null,
    createdAt: '2015-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    ...extra,
  };
}

/** `count` commits, newest first, one per hour going back from 2024-01-01T00:00:00Z, offset -05:00. */
export function linearCommits(count: number, authorLogin: string | null = 'alice'): SimCommit[] {
  const commits: SimCommit[] = [];
  const newest = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const ms = newest - i * 3_600_000;
    const actor = { name: 'Alice', email: 'alice@example.com', date: withOffset(ms, -5) };
    commits.push({
      sha: (count - i).toString(16).padStart(40, '0'),
      parents: i + 1 < count ? [(count - i - 1).toString(16).padStart(40, '0')] : [],
      message: `Commit ${count - i}\n\nBody of ${count - i}`,
      author: actor,
      committer: actor,
      authorLogin,
      committerLogin: authorLogin,
      additions: i,
      deletions: 1,
      changedFiles: 2,
    });
  }
  return commits;
}

/** ISO 8601 local time at a whole-hour UTC offset, e.g. `2023-12-31T19:00:00-05:00`. */
export function withOffset(ms: number, offsetHours: number): string {
  const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
  const sign = offsetHours < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
}

export function issue(number: number, extra: Partial<SimIssue> = {}): SimIssue {
  return {
    id: 1000 + number,
    number,
    title: `Issue ${number}`,
    body: null,
    userLogin: 'bob',
    state: 'open',
    stateReason: null,
    locked: false,
    labels: [],
    assigneeLogins: [],
    createdAt: new Date(Date.parse('2023-01-01T00:00:00Z') + number * 86_400_000).toISOString(),
    updatedAt: new Date(Date.parse('2023-06-01T00:00:00Z') + number * 86_400_000).toISOString(),
    closedAt: null,
    closedByLogin: null,
    pullRequest: null,
    ...extra,
  };
}

export function repo(extra: Partial<SimRepo> = {}): SimRepo {
  return {
    id: 500,
    owner: 'acme',
    name: 'rocket',
    formerNames: ['acme/old-rocket'],
    status: 'ok',
    description: 'Goes up',
    homepage: null,
    language: 'TypeScript',
    license: { key: 'mit', name: 'MIT License', spdxId: 'MIT' },
    topics: [],
    defaultBranch: 'main',
    fork: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    stargazersCount: 42,
    forksCount: 7,
    watchersCount: 42,
    createdAt: '2020-01-01T00:00:00Z',
    updatedAt: '2024-01-02T00:00:00Z',
    pushedAt: '2024-01-01T00:00:00Z',
    commits: linearCommits(250),
    issues: [],
    issueComments: [],
    reviews: [],
    reviewComments: [],
    releases: [],
    ...extra,
  };
}

export function testWorld(): World {
  return {
    users: [
      user(1, 'alice', {
        location: 'Toronto',
        company: '@acme',
        blog: 'https://alice.dev',
        email: 'alice@example.com',
      }),
      user(2, 'bob', { location: '北京' }),
      user(3, 'acme', { type: 'Organization', name: 'Acme' }),
      user(4, 'dependabot[bot]', { type: 'Bot', name: null }),
    ],
    repos: [
      repo({
        issues: [
          issue(1),
          issue(2, {
            pullRequest: {
              merged: true,
              mergedAt: '2023-02-01T00:00:00Z',
              mergedByLogin: 'alice',
              draft: false,
              headRef: 'feature',
              baseRef: 'main',
              additions: 10,
              deletions: 3,
              changedFiles: 1,
            },
          }),
          issue(3, { state: 'closed', stateReason: 'completed', closedAt: '2023-03-01T00:00:00Z' }),
        ],
        issueComments: [
          {
            id: 9001,
            issueNumber: 1,
            userLogin: 'alice',
            body: 'hi',
            createdAt: '2023-01-05T00:00:00Z',
            updatedAt: '2023-01-05T00:00:00Z',
          },
        ],
        reviews: [
          {
            id: 7001,
            pullNumber: 2,
            userLogin: 'alice',
            state: 'APPROVED',
            body: 'LGTM',
            submittedAt: '2023-01-31T10:00:00+02:00',
            commitId: 'x',
          },
          {
            id: 7002,
            pullNumber: 2,
            userLogin: null,
            state: 'COMMENTED',
            body: '',
            submittedAt: '2023-01-31T11:00:00Z',
            commitId: 'x',
          },
        ],
        releases: [
          {
            id: 3001,
            tagName: 'v1.0.0',
            name: 'One',
            body: null,
            draft: false,
            prerelease: false,
            authorLogin: 'alice',
            createdAt: '2023-01-01T00:00:00Z',
            publishedAt: '2023-01-01T00:00:00Z',
          },
          {
            id: 3002,
            tagName: 'v2.0.0',
            name: 'Two',
            body: null,
            draft: false,
            prerelease: false,
            authorLogin: 'alice',
            createdAt: '2023-06-01T00:00:00Z',
            publishedAt: '2023-06-01T00:00:00Z',
          },
        ],
      }),
      repo({ id: 501, name: 'gone', formerNames: [], status: 'gone' }),
      repo({ id: 502, name: 'empty', formerNames: [], status: 'empty', commits: [] }),
    ],
  };
}

export const rateLimitView: RateLimitView = {
  limit: 5000,
  cost: 1,
  remaining: 4999,
  resetAt: '2026-11-29T04:00:00Z',
  used: 1,
  nodeCount: 0,
};
