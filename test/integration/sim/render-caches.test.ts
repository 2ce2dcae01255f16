import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import type { SimRepo, World } from '../../../src/sim/world.js';
import { fakeToken, simGet } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

// Rendered list items (REST) and completed GraphQL nodes are cached between requests: whatever the
// world does next, a response must be what rendering it afresh would give.
jest.setTimeout(30_000);

let sim: RunningSimulator;
let world: World;
let widgets: SimRepo;
const token = fakeToken('caches');

beforeAll(async () => {
  world = tinyWorld();
  widgets = world.repos[0]!;
  sim = await startSimulator({ world });
});
afterAll(async () => {
  await sim.close();
});

async function graphql(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${sim.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: Record<string, unknown>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const COMMENTS = '/repos/acme/widgets/issues/comments?per_page=100';

describe('REST list items', () => {
  it('serve the same bytes and ETag while the world holds still, new ones after an edit', async () => {
    const first = await simGet(sim.url, COMMENTS, { token });
    const again = await simGet(sim.url, COMMENTS, { token });
    expect(again.text).toBe(first.text);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));

    const comment = widgets.issueComments[0]!;
    const before = comment.body;
    comment.body = 'Edited in place ✏️';
    sim.worldChanged();
    const edited = await simGet(sim.url, COMMENTS, { token });
    expect(edited.text).toContain('Edited in place ✏️');
    expect(edited.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(JSON.parse(edited.text)).toHaveLength(60);
    comment.body = before;
    sim.worldChanged();
    expect((await simGet(sim.url, COMMENTS, { token })).text).toBe(first.text);
  });

  it('render URLs under the API base each request used', async () => {
    const root = (await simGet(sim.url, COMMENTS, { token }).then((r) => r.json())) as Array<{ url: string }>;
    const enterprise = (await simGet(sim.url, `/api/v3${COMMENTS}`, { token }).then((r) =>
      r.json(),
    )) as Array<{
      url: string;
    }>;
    expect(root[0]!.url).toBe(
      `${sim.url}/repos/acme/widgets/issues/comments/${root[0]!.url.split('/').pop()}`,
    );
    expect(enterprise[0]!.url).toBe(root[0]!.url.replace(sim.url, `${sim.url}/api/v3`));
  });

  it('notice appended items without being told', async () => {
    const issues = '/repos/acme/widgets/issues?state=all&per_page=100';
    const before = (await simGet(sim.url, issues, { token }).then((r) => r.json())) as unknown[];
    widgets.issueComments.push({
      id: 9999,
      issueNumber: 2,
      userLogin: 'alice',
      body: 'Appended',
      createdAt: '2024-12-01T00:00:00Z',
      updatedAt: '2024-12-01T00:00:00Z',
    });
    try {
      const after = (await simGet(sim.url, issues, { token }).then((r) => r.json())) as Array<{
        number: number;
        comments: number;
      }>;
      const was = (before as typeof after).find((i) => i.number === 2)!.comments;
      expect(after.find((i) => i.number === 2)!.comments).toBe(was + 1);
    } finally {
      widgets.issueComments.pop();
    }
  });
});

const HISTORY = `query($after: String) { repository(owner: "acme", name: "widgets") { defaultBranchRef { target {
  ... on Commit { history(first: 5, after: $after) { nodes { oid messageHeadline author { name user { login } } } } } } } } }`;
const REVIEWS = `query($n: Int!) { repository(owner: "acme", name: "widgets") {
  pullRequests(first: 3, orderBy: { field: UPDATED_AT, direction: DESC }) {
    nodes { number reviews(first: $n) { totalCount nodes { databaseId state } } } } } }`;
const LITERAL_REVIEWS = REVIEWS.replace('($n: Int!)', '').replace('first: $n', 'first: 10');

type HistoryData = {
  repository: { defaultBranchRef: { target: { history: { nodes: Array<{ messageHeadline: string }> } } } };
};
type PullsData = {
  repository: {
    pullRequests: { nodes: Array<{ number: number; reviews: { totalCount: number; nodes: unknown[] } }> };
  };
};

describe('GraphQL nodes', () => {
  it('answer an edited commit after worldChanged', async () => {
    const headline = async () =>
      ((await graphql(HISTORY, {})) as HistoryData).repository.defaultBranchRef.target.history.nodes[0]!
        .messageHeadline;
    const first = await headline();
    expect(await headline()).toBe(first);
    const commit = widgets.commits[0]!;
    const message = commit.message;
    commit.message = 'Rewritten headline\n\nbody';
    sim.worldChanged();
    try {
      expect(await headline()).toBe('Rewritten headline');
    } finally {
      commit.message = message;
      sim.worldChanged();
    }
    expect(await headline()).toBe(first);
  });

  it('depend on the variables their fields read', async () => {
    const none = (await graphql(REVIEWS, { n: 0 })) as PullsData;
    const one = (await graphql(REVIEWS, { n: 1 })) as PullsData;
    const withReviews = one.repository.pullRequests.nodes.findIndex((pr) => pr.reviews.totalCount > 0);
    expect(withReviews).toBeGreaterThanOrEqual(0);
    expect(none.repository.pullRequests.nodes[withReviews]!.reviews.nodes).toHaveLength(0);
    expect(one.repository.pullRequests.nodes[withReviews]!.reviews.nodes).toHaveLength(1);
  });

  it('notice an appended review without being told', async () => {
    const before = (await graphql(LITERAL_REVIEWS, {})) as PullsData;
    const pr = before.repository.pullRequests.nodes[0]!;
    widgets.reviews.push({
      id: 7999,
      pullNumber: pr.number,
      userLogin: 'alice',
      state: 'COMMENTED',
      body: 'Late',
      submittedAt: '2024-12-01T00:00:00Z',
      commitId: widgets.commits[0]!.sha,
    });
    try {
      const after = (await graphql(LITERAL_REVIEWS, {})) as PullsData;
      const same = after.repository.pullRequests.nodes.find((node) => node.number === pr.number)!;
      expect(same.reviews.totalCount).toBe(pr.reviews.totalCount + 1);
    } finally {
      widgets.reviews.pop();
    }
  });
});

describe('Whole GraphQL responses', () => {
  const head = async () =>
    (
      (await graphql(HISTORY, {})) as {
        repository: { defaultBranchRef: { target: { history: { nodes: Array<{ oid: string }> } } } };
      }
    ).repository.defaultBranchRef.target.history.nodes.map((node) => node.oid);

  it('are answered afresh for each rateLimit snapshot they hold', async () => {
    const query = '{ rateLimit { used remaining } repository(owner: "acme", name: "widgets") { name } }';
    const first = (await graphql(query, {})) as { rateLimit: { used: number; remaining: number } };
    const second = (await graphql(query, {})) as { rateLimit: { used: number; remaining: number } };
    expect(second.rateLimit.used).toBe(first.rateLimit.used + 1);
    expect(second.rateLimit.remaining).toBe(first.rateLimit.remaining - 1);
  });

  it('show the commits /_sim/mutate pushed, and only those', async () => {
    const before = await head();
    expect(await head()).toEqual(before);
    const response = await fetch(`${sim.url}/_sim/mutate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ repo: 'acme/widgets', commits: 2, seed: 5 }),
    });
    const added = (await response.json()) as { commits: string[] };
    const after = await head();
    expect(after.slice(0, 2)).toEqual(added.commits);
    expect(after.slice(2)).toEqual(before.slice(0, 3));
    expect(await head()).toEqual(after);
  });
});
