import { describe, expect, it } from '@jest/globals';
import { createGraphqlEngine, userNodeId } from '../../../../src/sim/graphql/index.js';
import type { World } from '../../../../src/sim/world.js';
import { rateLimitView, testWorld, user } from './world-fixture.js';

const engine = createGraphqlEngine();
const PROFILE = `login databaseId name company location email websiteUrl bio twitterUsername createdAt updatedAt __typename`;

function bigWorld(): World {
  const users = Array.from({ length: 1_000 }, (_, i) =>
    user(i + 1, `Person${i}`, { location: `City ${i}`, company: i % 2 ? `Company ${i}` : null }),
  );
  return { users, repos: [] };
}

describe('user profiles', () => {
  it('answers a batch of 100 aliased user(login:) fields in one query, case-insensitively', async () => {
    const world = bigWorld();
    const logins = Array.from({ length: 100 }, (_, i) => `person${i * 7}`);
    const query = `{ ${logins.map((login, i) => `u${i}: user(login: "${login}") { ${PROFILE} }`).join('\n')} }`;
    expect(engine.cost(query, undefined)).toEqual({ cost: 1, nodeCount: 0 });
    const started = performance.now();
    const result = await engine.execute(query, undefined, { world, rateLimit: rateLimitView });
    const elapsedMs = performance.now() - started;
    expect(result.errors).toBeUndefined();
    const data = result.data as Record<string, Record<string, unknown>>;
    expect(Object.keys(data)).toHaveLength(100);
    expect(data['u3']).toEqual({
      login: 'Person21',
      databaseId: 22,
      name: 'Name Person21',
      company: 'Company 21',
      location: 'City 21',
      email: '',
      websiteUrl: null,
      bio: null,
      twitterUsername: null,
      createdAt: '2015-01-01T00:00:00Z',
      updatedAt: '2024-01-01T00:00:00Z',
      __typename: 'User',
    });
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('answers unknown logins, bots and organisations with null + NOT_FOUND per alias', async () => {
    const result = await engine.execute(
      `{ a: user(login: "alice") { login } b: user(login: "nobody") { login } c: user(login: "dependabot[bot]") { login } }`,
      undefined,
      { world: testWorld(), rateLimit: rateLimitView },
    );
    expect(result.data).toEqual({ a: { login: 'alice' }, b: null, c: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        path: ['b'],
        message: "Could not resolve to a User with the login of 'nobody'.",
      }),
      expect.objectContaining({ type: 'NOT_FOUND', path: ['c'] }),
    ]);
  });

  it('tells User from Organization through repositoryOwner and resolves node ids REST renders', async () => {
    const world = testWorld();
    const result = await engine.execute(
      `query($ids: [ID!]!) {
        org: repositoryOwner(login: "acme") { __typename login ... on Organization { name } }
        nodes(ids: $ids) { __typename id ... on User { login location } ... on Bot { login databaseId } }
      }`,
      { ids: [userNodeId(1), userNodeId(4, 'Bot'), 'MDQ6VXNlcjk5OTk='] },
      { world, rateLimit: rateLimitView },
    );
    expect(userNodeId(1)).toBe('MDQ6VXNlcjE=');
    expect(result.data).toEqual({
      org: { __typename: 'Organization', login: 'acme', name: 'Acme' },
      nodes: [
        { __typename: 'User', id: 'MDQ6VXNlcjE=', login: 'alice', location: 'Toronto' },
        { __typename: 'Bot', id: userNodeId(4, 'Bot'), login: 'dependabot[bot]', databaseId: 4 },
        null,
      ],
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        path: ['nodes', 2],
        message: "Could not resolve to a node with the global id of 'MDQ6VXNlcjk5OTk='.",
      }),
    ]);
  });

  it('reports fields it does not model instead of answering null', async () => {
    const result = await engine.execute(
      `{ user(login: "alice") { login followers { totalCount } } }`,
      undefined,
      {
        world: testWorld(),
        rateLimit: rateLimitView,
      },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        type: 'SIMULATOR_NOT_IMPLEMENTED',
        path: ['user', 'followers'],
        message: 'OSS Vitals simulator: field User.followers is not implemented',
      }),
    ]);
  });

  it('answers rateLimit from the context the HTTP layer passes', async () => {
    const result = await engine.execute(
      `{ rateLimit { limit cost remaining resetAt used nodeCount } }`,
      undefined,
      {
        world: testWorld(),
        rateLimit: { ...rateLimitView, remaining: 1234 },
      },
    );
    expect(result).toEqual({ data: { rateLimit: { ...rateLimitView, remaining: 1234 } } });
  });
});
