import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import type { World } from '../../../src/sim/world.js';
import { generateActivity } from '../../../src/sim/worlds/index.js';
import { fakeToken } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

// The GraphQL engine behind the simulator's real HTTP endpoint (POST /graphql, /api/graphql).
let sim: RunningSimulator;
let world: World;
const token = fakeToken('graphql');

beforeAll(async () => {
  world = tinyWorld();
  for (let i = 0; i < 100; i++) {
    world.users.push({
      id: 100 + i,
      login: `member${i}`,
      type: 'User',
      name: `Member ${i}`,
      company: null,
      blog: i % 2 ? `https://member${i}.example` : null,
      location: i % 3 ? 'Lisbon' : '上海',
      email: null,
      bio: null,
      twitterUsername: null,
      createdAt: '2019-05-01T00:00:00Z',
      updatedAt: '2024-05-01T00:00:00Z',
    });
  }
  sim = await startSimulator({ world });
});
afterAll(async () => {
  await sim.close();
});

interface GraphqlAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> };
}

async function post(
  query: string,
  variables?: Record<string, unknown>,
  path = '/graphql',
): Promise<GraphqlAnswer> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphqlAnswer['body'],
  };
}

const HISTORY = `query($owner: String!, $name: String!, $after: String) {
  rateLimit { cost remaining }
  repository(owner: $owner, name: $name) {
    defaultBranchRef { target { ... on Commit {
      history(first: 50, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { oid authoredDate committedDate author { name email date user { login databaseId } } } } } } } } }`;

interface HistoryNode {
  oid: string;
  authoredDate: string;
  author: { date: string; user: { login: string } | null };
}

describe('GraphQL over HTTP', () => {
  it('walks the whole default-branch history with cursors, keeping each author’s offset', async () => {
    const nodes: HistoryNode[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const answer = await post(
        HISTORY,
        { owner: 'acme', name: 'widgets', after },
        pages % 2 ? '/api/graphql' : '/graphql',
      );
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      const data = answer.body.data as {
        rateLimit: { cost: number; remaining: number };
        repository: {
          defaultBranchRef: {
            target: {
              history: { nodes: HistoryNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
            };
          };
        };
      };
      expect(data.rateLimit.cost).toBe(1);
      expect(String(data.rateLimit.remaining)).toBe(answer.headers.get('x-ratelimit-remaining'));
      const history = data.repository.defaultBranchRef.target.history;
      nodes.push(...history.nodes);
      pages += 1;
      if (!history.pageInfo.hasNextPage) break;
      after = history.pageInfo.endCursor;
    }
    const widgets = world.repos.find((r) => r.name === 'widgets');
    expect(pages).toBe(3);
    expect(nodes.map((n) => n.oid)).toEqual(widgets?.commits.map((c) => c.sha));
    // Every author.date is exactly the world's string (offset kept); authoredDate is the same instant in UTC.
    nodes.forEach((node, i) => {
      const commit = widgets?.commits[i];
      expect(node.author.date).toBe(commit?.author.date);
      expect(node.authoredDate).toMatch(/Z$/);
      expect(Date.parse(node.authoredDate)).toBe(Date.parse(commit?.author.date ?? ''));
      expect(node.author.user?.login ?? null).toBe(commit?.authorLogin);
    });
    expect(nodes.some((n) => n.author.date.endsWith('+08:00'))).toBe(true);
    expect(nodes.some((n) => n.author.date.endsWith('-08:00'))).toBe(true);
  });

  it('keeps paging from where it was after new commits are pushed, and sees them from the head', async () => {
    const widgets = world.repos.find((r) => r.name === 'widgets');
    if (!widgets) throw new Error('tinyWorld has acme/widgets');
    type History = { totalCount: number; nodes: HistoryNode[]; pageInfo: { endCursor: string } };
    const historyOf = (answer: GraphqlAnswer): History =>
      (answer.body.data as { repository: { defaultBranchRef: { target: { history: History } } } }).repository
        .defaultBranchRef.target.history;
    const first = historyOf(await post(HISTORY, { owner: 'acme', name: 'widgets', after: null }));
    const fiftyFirst = widgets.commits[50]?.sha;
    const added = generateActivity(world, widgets, { commits: 7 }, 11, new Date('2026-11-01T00:00:00Z'));
    expect(added.commits).toHaveLength(7);
    const second = historyOf(
      await post(HISTORY, { owner: 'acme', name: 'widgets', after: first.pageInfo.endCursor }),
    );
    expect(second.nodes[0]?.oid).toBe(fiftyFirst);
    const fresh = historyOf(await post(HISTORY, { owner: 'acme', name: 'widgets', after: null }));
    expect(fresh.totalCount).toBe(first.totalCount + 7);
    expect(fresh.nodes.slice(0, 7).map((n) => n.oid)).toEqual(added.commits);
    fresh.nodes.slice(0, 7).forEach((node, i) => {
      expect(node.author.date).toBe(widgets.commits[i]?.author.date);
      expect(node.author.date).toMatch(/[+-]\d\d:\d\d$|Z$/);
    });
  });

  it('fetches 100 user profiles in one aliased query for one point', async () => {
    const aliases = Array.from(
      { length: 100 },
      (_, i) =>
        `u${i}: user(login: "member${i}") { __typename login databaseId name company location email websiteUrl createdAt }`,
    );
    const answer = await post(`{ rateLimit { cost } ${aliases.join('\n')} }`);
    expect(answer.body.errors).toBeUndefined();
    const data = answer.body.data as Record<string, Record<string, unknown>>;
    expect(data['rateLimit']).toEqual({ cost: 1 });
    expect(data['u99']).toEqual({
      __typename: 'User',
      login: 'member99',
      databaseId: 199,
      name: 'Member 99',
      company: null,
      location: '上海',
      email: '',
      websiteUrl: 'https://member99.example',
      createdAt: '2019-05-01T00:00:00Z',
    });
    expect(data['u1']?.['location']).toBe('Lisbon');
  });

  it('charges the GitHub cost of nested connections to the graphql bucket', async () => {
    const before = Number((await post('{ rateLimit { used } }')).headers.get('x-ratelimit-used'));
    // 1 (pullRequests) + 100 (reviews of each) + 100 (labels of each) = 201 requests → 2 points.
    const answer = await post(`{ rateLimit { cost } repository(owner: "acme", name: "widgets") {
      pullRequests(first: 100) { totalCount nodes { number reviews(first: 100) { nodes { state author { login } } }
        labels(first: 100) { nodes { name } } } } } }`);
    expect(answer.body.errors).toBeUndefined();
    expect((answer.body.data as { rateLimit: { cost: number } }).rateLimit.cost).toBe(2);
    expect(answer.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(Number(answer.headers.get('x-ratelimit-used'))).toBe(before + 2);
  });

  it('answers like GitHub for a missing repository, a bad field and an unmodelled field', async () => {
    const missing = await post(`{ repository(owner: "acme", name: "gone") { id } }`);
    expect(missing.body).toEqual({
      data: { repository: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['repository'],
          locations: [{ line: 1, column: 3 }],
          message: "Could not resolve to a Repository with the name 'acme/gone'.",
        },
      ],
    });
    const invalid = await post(`{ repository(owner: "acme", name: "widgets") { stars } }`);
    expect(invalid.status).toBe(200);
    expect(invalid.body.data).toBeUndefined();
    expect(invalid.body.errors?.[0]).toMatchObject({
      message: "Field 'stars' doesn't exist on type 'Repository'",
      extensions: { code: 'undefinedField' },
    });
    const unmodelled = await post(
      `{ repository(owner: "acme", name: "widgets") { name mentionableUsers(first: 5) { totalCount } } }`,
    );
    expect(unmodelled.body.errors?.[0]?.['message']).toBe(
      'OSS Vitals simulator: field Repository.mentionableUsers is not implemented',
    );
  });
});
