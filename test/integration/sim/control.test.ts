import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { loadSampleWorld } from '../../../src/sim/worlds/index.js';
import { fakeToken, simGet } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

// Many sequential HTTP requests: allow for a busy machine (the default is 5 s).
jest.setTimeout(30_000);

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ world: tinyWorld() });
});
afterAll(async () => {
  await sim.close();
});

const post = (path: string, body?: unknown) =>
  fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('control endpoints', () => {
  it('counts requests by endpoint, status and token fingerprint, never showing tokens, and resets', async () => {
    await post('/_sim/reset');
    const token = fakeToken();
    await simGet(sim.url, '/repos/acme/widgets', { token });
    await simGet(sim.url, '/repos/acme/gone', { token });
    await simGet(sim.url, '/users/alice');
    const response = await fetch(`${sim.url}/_sim/stats`);
    const text = await response.text();
    expect(text).not.toContain(token);
    const stats = JSON.parse(text) as {
      requests: number;
      byEndpoint: Record<string, number>;
      byStatus: Record<string, number>;
      byToken: Record<string, { requests: number; core: number }>;
    };
    expect(stats.requests).toBe(3);
    expect(stats.byEndpoint).toEqual({ 'GET /repos/{owner}/{repo}': 2, 'GET /users/{login}': 1 });
    expect(stats.byStatus).toEqual({ '200': 2, '404': 1 });
    const fingerprints = Object.keys(stats.byToken);
    expect(fingerprints).toHaveLength(2);
    expect(fingerprints.some((f) => /^[0-9a-f]{12}$/.test(f) && stats.byToken[f]!.core === 2)).toBe(true);
    expect(sim.stats().requests).toBe(3);
    await post('/_sim/reset');
    expect(sim.stats().requests).toBe(0);
  });

  it('shows and patches the live config, refusing unknown keys', async () => {
    const patched = await fetch(`${sim.url}/_sim/config`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimit: { core: 1234 } }),
    });
    expect(patched.status).toBe(200);
    const config = (await (await fetch(`${sim.url}/_sim/config`)).json()) as {
      rateLimit: { core: number; graphql: number };
    };
    expect(config.rateLimit).toMatchObject({ core: 1234, graphql: 5000 });
    const bad = await fetch(`${sim.url}/_sim/config`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimit: { cores: 1 } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('config.rateLimit.cores');
    sim.configure({ rateLimit: { core: 5000 } });
  });

  it('mutate appends activity that the REST API then serves, with fresh ETags', async () => {
    const token = fakeToken();
    const before = await simGet(sim.url, '/repos/acme/widgets/issues?state=all&per_page=1', { token });
    const headBefore = (
      await simGet(sim.url, '/repos/acme/widgets/commits?per_page=1', { token })
    ).json() as Array<{ sha: string }>;
    const response = await post('/_sim/mutate', {
      repo: 'acme/widgets',
      commits: 3,
      issues: 2,
      comments: 4,
      seed: 11,
    });
    expect(response.status).toBe(200);
    const added = (await response.json()) as { commits: string[]; issues: number[]; comments: number[] };
    expect(added.commits).toHaveLength(3);
    expect(added.issues).toHaveLength(2);
    const headAfter = (
      await simGet(sim.url, '/repos/acme/widgets/commits?per_page=1', { token })
    ).json() as Array<{ sha: string }>;
    expect(headAfter[0]!.sha).toBe(added.commits[0]);
    expect(headAfter[0]!.sha).not.toBe(headBefore[0]!.sha);
    const conditional = await simGet(sim.url, '/repos/acme/widgets/issues?state=all&per_page=1', {
      token,
      headers: { 'if-none-match': before.headers.get('etag')! },
    });
    expect(conditional.status).toBe(200);
    const comments = (
      await simGet(sim.url, '/repos/acme/widgets/issues/comments?per_page=100&page=1', { token })
    ).json() as unknown[];
    expect(comments.length).toBe(64);
    const unknown = await post('/_sim/mutate', { repo: 'acme/none', commits: 1 });
    expect(unknown.status).toBe(404);
    const refused = await post('/_sim/mutate', { repo: 'acme/gone', commits: 1 });
    expect(refused.status).toBe(400);
  });

  it('serves single comments by id, and 404 for an issue or comment once deleted', async () => {
    const token = fakeToken();
    const get = (path: string) => simGet(sim.url, `/repos/acme/widgets${path}`, { token });
    const [comment] = (await get('/issues/comments?per_page=1')).json() as Array<{
      id: number;
      body: string;
    }>;
    const one = await get(`/issues/comments/${comment!.id}`);
    expect(one.status).toBe(200);
    expect(one.json()).toMatchObject({ id: comment!.id, body: comment!.body });
    const [reviewComment] = (await get('/pulls/comments?per_page=1')).json() as Array<{ id: number }>;
    const oneReview = await get(`/pulls/comments/${reviewComment!.id}`);
    expect(oneReview.status).toBe(200);
    expect(oneReview.json()).toMatchObject({ id: reviewComment!.id });

    const response = await post('/_sim/mutate', {
      repo: 'acme/widgets',
      deleteIssues: 1,
      deleteComments: 2,
      deleteReviewComments: 1,
      seed: 3,
    });
    expect(response.status).toBe(200);
    const { deleted } = (await response.json()) as {
      deleted: { issues: number[]; comments: number[]; reviewComments: number[] };
    };
    for (const path of [
      `/issues/${deleted.issues[0]}`,
      ...deleted.comments.map((id) => `/issues/comments/${id}`),
      `/pulls/comments/${deleted.reviewComments[0]}`,
      '/issues/comments/1',
      '/pulls/comments/1',
    ]) {
      const gone = await get(path);
      expect([path, gone.status]).toEqual([path, 404]);
      expect(gone.json()).toMatchObject({ message: 'Not Found', status: '404' });
    }
  });
});

describe('GraphQL mount', () => {
  it('requires authentication and charges the graphql bucket with graphql headers', async () => {
    const anonymous = await fetch(`${sim.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
    expect(anonymous.status).toBe(401);
    const token = fakeToken();
    for (const path of ['/graphql', '/api/graphql']) {
      const answer = await fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `bearer ${token}` },
        body: JSON.stringify({ query: '{ rateLimit { cost remaining } }' }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-resource')).toBe('graphql');
      expect(Number(answer.headers.get('x-ratelimit-used'))).toBeGreaterThan(0);
    }
  });

  it('answers RATE_LIMITED with HTTP 200 once the graphql budget is spent', async () => {
    sim.configure({ rateLimit: { graphql: 1 } });
    try {
      const token = fakeToken();
      const ask = () =>
        fetch(`${sim.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `token ${token}` },
          body: JSON.stringify({ query: '{ rateLimit { remaining } }' }),
        });
      expect((await ask()).status).toBe(200);
      const limited = await ask();
      expect(limited.status).toBe(200);
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      const body = (await limited.json()) as { errors: Array<{ type: string }> };
      expect(body.errors[0]!.type).toBe('RATE_LIMITED');
    } finally {
      sim.configure({ rateLimit: { graphql: 5000 } });
    }
  });
});

describe('the bundled sample world', () => {
  it('serves every sample repository through REST', async () => {
    const world = loadSampleWorld();
    const sample = await startSimulator({ world });
    try {
      const token = fakeToken();
      for (const repo of world.repos) {
        const answer = await simGet(sample.url, `/repos/${repo.owner}/${repo.name}`, { token });
        const expected = repo.status === 'gone' ? 404 : repo.status === 'dmca' ? 451 : 200;
        expect(answer.status).toBe(expected);
        if (repo.status === 'ok') {
          const issues = await simGet(
            sample.url,
            `/repos/${repo.owner}/${repo.name}/issues?state=all&per_page=100`,
            { token },
          );
          expect(issues.status).toBe(200);
        }
      }
    } finally {
      await sample.close();
    }
  });
});
