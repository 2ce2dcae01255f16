import type { SimCommit, SimIssue, SimRepo, SimUser, World } from '../../src/sim/world.js';

/**
 * A small hand-made world for simulator tests: an organisation `acme` with one busy repository
 * (`acme/widgets`: 120 commits, 40 issues and pull requests, comments, reviews, releases) and one
 * repository in each special state (empty, gone, DMCA-blocked, renamed), plus `alice/solo`.
 * Deterministic; every call returns a fresh copy that tests may mutate.
 */
export function tinyWorld(): World {
  const users: SimUser[] = [
    user(1, 'acme', 'Organization', null),
    user(2, 'alice', 'User', 'Berlin, Germany'),
    user(3, 'bob', 'User', 'San Francisco'),
    user(4, 'chen', 'User', '杭州'),
    user(5, 'dependabot[bot]', 'Bot', null),
  ];
  return {
    users,
    repos: [
      widgets(),
      special(2001, 'empty', 'empty', []),
      special(2002, 'gone', 'gone', []),
      special(2003, 'blocked', 'dmca', []),
      special(2004, 'renamed-new', 'ok', ['acme/renamed-old']),
      { ...special(2005, 'solo', 'ok', []), owner: 'alice' },
    ],
  };
}

const AUTHORS = [
  { name: 'Alice', email: 'alice@example.com', login: 'alice', offset: '+01:00' },
  { name: 'Bob', email: 'bob@example.org', login: 'bob', offset: '-08:00' },
  { name: 'Chen Wei', email: 'chen@example.cn', login: 'chen', offset: '+08:00' },
  { name: 'Drive-by', email: 'driveby@example.net', login: null, offset: '+05:30' },
];

function widgets(): SimRepo {
  const base = Date.UTC(2024, 0, 1);
  const commits: SimCommit[] = [];
  for (let i = 119; i >= 0; i--) {
    const who = AUTHORS[i % 7 === 0 ? 3 : i % 3] as (typeof AUTHORS)[number];
    const date = withOffset(base + i * 86_400_000, who.offset);
    commits.push({
      sha: sha(i),
      parents: i === 0 ? [] : [sha(i - 1)],
      message: `Change number ${i}`,
      author: { name: who.name, email: who.email, date },
      committer: { name: who.name, email: who.email, date },
      authorLogin: who.login,
      committerLogin: who.login,
      additions: i,
      deletions: 1,
      changedFiles: 1 + (i % 4),
    });
  }
  const issues: SimIssue[] = [];
  const logins = ['alice', 'bob', 'chen', null];
  for (let n = 1; n <= 40; n++) {
    const created = base + n * 3 * 86_400_000;
    const closed = n % 4 === 0 ? created + 5 * 86_400_000 : null;
    const isPull = n % 3 === 0;
    issues.push({
      id: 5000 + n,
      number: n,
      title: `Item ${n}`,
      body: n % 5 === 0 ? null : `Body of ${n}`,
      userLogin: logins[n % 4] ?? null,
      state: closed === null ? 'open' : 'closed',
      stateReason: closed === null ? null : 'completed',
      locked: false,
      labels: n % 2 === 0 ? ['bug'] : n % 5 === 0 ? ['bug', 'help wanted'] : [],
      assigneeLogins: n % 6 === 0 ? ['alice'] : [],
      createdAt: iso(created),
      updatedAt: iso(created + (n % 7) * 86_400_000 + 3_600_000),
      closedAt: closed === null ? null : iso(closed),
      closedByLogin: closed === null ? null : 'alice',
      pullRequest: isPull
        ? {
            merged: closed !== null,
            mergedAt: closed === null ? null : iso(closed),
            mergedByLogin: closed === null ? null : 'alice',
            draft: n === 3,
            headRef: `feature-${n}`,
            baseRef: 'main',
            additions: n * 2,
            deletions: n,
            changedFiles: 2,
          }
        : null,
    });
  }
  const issueComments = Array.from({ length: 60 }, (_, k) => {
    const issueNumber = (k % 20) + 1;
    const created = base + issueNumber * 3 * 86_400_000 + (k + 1) * 3_600_000;
    return {
      id: 9000 + k,
      issueNumber,
      userLogin: logins[(k + 1) % 4] ?? null,
      body: `Comment ${k}`,
      createdAt: iso(created),
      updatedAt: iso(created + (k % 3) * 60_000),
    };
  });
  const reviews = issues
    .filter((issue) => issue.pullRequest !== null)
    .flatMap((issue, k) => [
      {
        id: 7000 + 2 * k,
        pullNumber: issue.number,
        userLogin: 'bob',
        state: 'APPROVED' as const,
        body: 'LGTM',
        submittedAt: iso(Date.parse(issue.createdAt) + 86_400_000),
        commitId: sha(k),
      },
      {
        id: 7001 + 2 * k,
        pullNumber: issue.number,
        userLogin: 'chen',
        state: 'PENDING' as const,
        body: '',
        submittedAt: null,
        commitId: sha(k),
      },
    ]);
  const reviewComments = issues
    .filter((issue) => issue.pullRequest !== null)
    .map((issue, k) => ({
      id: 8000 + k,
      pullNumber: issue.number,
      reviewId: 7000 + 2 * k,
      userLogin: 'bob',
      body: `Nit ${k}`,
      path: 'src/index.ts',
      createdAt: iso(Date.parse(issue.createdAt) + 86_400_000),
      updatedAt: iso(Date.parse(issue.createdAt) + 86_400_000),
    }));
  const releases = [1, 2, 3, 4].map((k) => ({
    id: 6000 + k,
    tagName: `v${k}.0.0`,
    name: `Release ${k}`,
    body: null,
    draft: k === 4,
    prerelease: false,
    authorLogin: 'alice',
    createdAt: iso(base + k * 30 * 86_400_000),
    publishedAt: k === 4 ? null : iso(base + k * 30 * 86_400_000),
  }));
  return {
    ...special(1001, 'widgets', 'ok', []),
    description: 'Widgets for everyone',
    language: 'TypeScript',
    license: { key: 'mit', name: 'MIT License', spdxId: 'MIT' },
    topics: ['widgets', 'demo'],
    stargazersCount: 42,
    forksCount: 7,
    watchersCount: 5,
    pushedAt: iso(base + 119 * 86_400_000),
    updatedAt: iso(base + 130 * 86_400_000),
    commits,
    issues,
    issueComments,
    reviews,
    reviewComments,
    releases,
  };
}

function special(id: number, name: string, status: SimRepo['status'], formerNames: string[]): SimRepo {
  return {
    id,
    owner: 'acme',
    name,
    formerNames,
    status,
    description: null,
    homepage: null,
    language: null,
    license: null,
    topics: [],
    defaultBranch: 'main',
    fork: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    stargazersCount: 0,
    forksCount: 0,
    watchersCount: 0,
    createdAt: '2023-06-01T10:00:00Z',
    updatedAt: '2024-02-01T10:00:00Z',
    pushedAt: '2024-02-01T10:00:00Z',
    commits:
      status === 'empty'
        ? []
        : [
            {
              sha: sha(100_000 + id),
              parents: [],
              message: 'Initial commit',
              author: { name: 'Alice', email: 'alice@example.com', date: '2023-06-01T12:00:00+01:00' },
              committer: { name: 'Alice', email: 'alice@example.com', date: '2023-06-01T12:00:00+01:00' },
              authorLogin: 'alice',
              committerLogin: 'alice',
              additions: 10,
              deletions: 0,
              changedFiles: 1,
            },
          ],
    issues: [],
    issueComments: [],
    reviews: [],
    reviewComments: [],
    releases: [],
  };
}

function user(id: number, login: string, type: SimUser['type'], location: string | null): SimUser {
  return {
    id,
    login,
    type,
    name: type === 'Organization' ? 'Acme Corp' : login,
    company: null,
    blog: null,
    location,
    email: null,
    bio: null,
    twitterUsername: null,
    createdAt: '2015-03-04T05:06:07Z',
    updatedAt: '2024-01-02T03:04:05Z',
  };
}

export function sha(i: number): string {
  return (i.toString(16).padStart(8, '0') + 'abcdef0123456789').repeat(3).slice(0, 40);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The instant `ms` written with a fixed UTC offset, as git records author dates. */
function withOffset(ms: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
  return `${local}${offset}`;
}

/** `tinyWorld()` plus `acme/big`: `count` issues/PRs (every third a PR) with one comment each. */
export function bigIssuesWorld(count: number): World {
  const world = tinyWorld();
  const template = world.repos[0] as SimRepo;
  const base = Date.UTC(2020, 0, 1);
  const logins = ['alice', 'bob', 'chen', null];
  const issues: SimIssue[] = [];
  for (let n = 1; n <= count; n++) {
    const created = base + n * 600_000;
    issues.push({
      ...(template.issues[(n - 1) % template.issues.length] as SimIssue),
      id: 1_000_000 + n,
      number: n,
      title: `Big item ${n}`,
      userLogin: logins[n % 4] ?? null,
      createdAt: iso(created),
      updatedAt: iso(created + 3_600_000),
    });
  }
  const issueComments = issues.map((issue, k) => ({
    id: 2_000_000 + k,
    issueNumber: issue.number,
    userLogin: 'alice',
    body: `Comment on ${issue.number}`,
    createdAt: issue.updatedAt,
    updatedAt: issue.updatedAt,
  }));
  world.repos.push({
    ...template,
    id: 1002,
    name: 'big',
    issues,
    issueComments,
    reviews: [],
    reviewComments: [],
  });
  return world;
}
