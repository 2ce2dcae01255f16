import { describe, expect, it } from '@jest/globals';
import { createGraphqlEngine } from '../../../../src/sim/graphql/index.js';

const engine = createGraphqlEngine();

// Worked examples from GitHub's "Rate limits and node limits for the GraphQL API" page.
describe('GraphQL query cost (GitHub formula)', () => {
  it('scores the documented rate-limit example at 51 points (5,101 requests / 100)', () => {
    const query = `query {
      viewer { login
        repositories(first: 100) { edges { node { id
          issues(first: 50) { edges { node { id
            labels(first: 60) { edges { node { id name } } } } } } } } } } }`;
    // requests: 1 (repositories) + 100 (issues of each repository) + 100 × 50 (labels of each issue)
    expect(engine.cost(query, undefined)).toEqual({ cost: 51, nodeCount: 100 + 5_000 + 300_000 });
  });

  it('counts 550 nodes in the documented simple node-limit example', () => {
    const query = `query { viewer { repositories(first: 50) { edges { repository: node { name
      issues(first: 10) { totalCount edges { node { title bodyHTML } } } } } } } }`;
    // 1 + 50 requests = 0.51 → rounds to 1.
    expect(engine.cost(query, undefined)).toEqual({ cost: 1, nodeCount: 550 });
  });

  it('counts 22,060 nodes in the documented complex node-limit example', () => {
    const query = `query { viewer {
      repositories(first: 50) { edges { repository: node { name
        pullRequests(first: 20) { edges { pullRequest: node { title
          comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
        issues(first: 20) { totalCount edges { issue: node { title bodyHTML
          comments(first: 10) { edges { comment: node { bodyHTML } } } } } } } } }
      followers(first: 10) { edges { follower: node { login } } } } }`;
    // requests: 1 + 50 + 1,000 + 50 + 1,000 + 1 = 2,102 → 21 points.
    expect(engine.cost(query, undefined)).toEqual({ cost: 21, nodeCount: 22_060 });
  });

  it('rounds to the nearest point: 148 requests → 1, 151 → 2', () => {
    const query = (n: number): string => `{ repository(owner: "a", name: "b") {
      pullRequests(first: ${n}) { nodes {
        reviews(first: 1) { totalCount } comments(first: 1) { totalCount } labels(first: 1) { totalCount } } } } }`;
    expect(engine.cost(query(49), undefined)).toMatchObject({ cost: 1 });
    expect(engine.cost(query(50), undefined)).toMatchObject({ cost: 2 });
  });

  it('charges the minimum of 1 for a query without connections, even with 100 aliases', () => {
    const aliases = Array.from(
      { length: 100 },
      (_, i) => `u${i}: user(login: "user${i}") { login location }`,
    );
    expect(engine.cost(`{ ${aliases.join('\n')} }`, undefined)).toEqual({ cost: 1, nodeCount: 0 });
  });

  it('takes page sizes from variables', () => {
    const query = `query($n: Int!) { viewer { repositories(first: $n) { nodes {
      issues(first: $n) { nodes { labels(first: $n) { nodes { name } } } } } } } }`;
    // 1 + 20 + 400 = 421 requests → 4 points.
    expect(engine.cost(query, { n: 20 })).toEqual({ cost: 4, nodeCount: 20 + 400 + 8_000 });
  });

  it('costs one point for a 100-commit history page with parents counted', () => {
    const query = `{ repository(owner: "a", name: "b") { defaultBranchRef { target { ... on Commit {
      history(first: 100) { nodes { oid parents { totalCount } } } } } } } }`;
    expect(engine.cost(query, undefined)).toEqual({ cost: 1, nodeCount: 100 });
  });

  it('refuses more than 100 records per connection (EXCESSIVE_PAGINATION)', () => {
    const result = engine.cost(`{ viewer { repositories(first: 101) { nodes { name } } } }`, undefined);
    expect(result).toEqual({
      errors: [
        expect.objectContaining({
          type: 'EXCESSIVE_PAGINATION',
          path: ['viewer', 'repositories'],
          message:
            'Requesting 101 records on the `repositories` connection exceeds the `first` limit of 100 records.',
        }),
      ],
    });
  });

  it('requires first or last when nodes are selected, not for totalCount alone', () => {
    const missing = engine.cost(`{ viewer { repositories { nodes { name } } } }`, undefined);
    expect(missing).toEqual({
      errors: [
        expect.objectContaining({
          type: 'MISSING_PAGINATION_BOUNDARIES',
          message:
            'You must provide a `first` or `last` value to properly paginate the `repositories` connection.',
        }),
      ],
    });
    expect(engine.cost(`{ viewer { repositories { totalCount } } }`, undefined)).toEqual({
      cost: 1,
      nodeCount: 0,
    });
  });

  it('refuses queries over 500,000 nodes (MAX_NODE_LIMIT_EXCEEDED)', () => {
    const query = `{ viewer { repositories(first: 100) { nodes {
      issues(first: 100) { nodes { labels(first: 100) { nodes { name } } } } } } } }`;
    const result = engine.cost(query, undefined);
    expect(result).toEqual({
      errors: [
        expect.objectContaining({
          type: 'MAX_NODE_LIMIT_EXCEEDED',
          message: expect.stringContaining(
            '1,010,100 possible nodes which exceeds the maximum limit of 500,000',
          ),
        }),
      ],
    });
  });

  it('skips connections excluded by @skip / @include', () => {
    const query = `query($big: Boolean!) { viewer { repositories(first: 100) @include(if: $big) { nodes {
      issues(first: 100) { nodes { id } } } } } }`;
    expect(engine.cost(query, { big: false })).toEqual({ cost: 1, nodeCount: 0 });
    expect(engine.cost(query, { big: true })).toEqual({ cost: 1, nodeCount: 10_100 });
  });
});
