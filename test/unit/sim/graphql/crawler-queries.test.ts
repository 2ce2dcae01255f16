import { describe, expect, it } from '@jest/globals';
import { createGraphqlEngine } from '../../../../src/sim/graphql/index.js';
import { rateLimitView, testWorld } from './world-fixture.js';

// The query shapes the crawler (src/crawl/*.stage.ts) sends, kept here so a change on either side
// that breaks the other shows up in the simulator's own tests.
const engine = createGraphqlEngine();
const context = () => ({ world: testWorld(), rateLimit: rateLimitView });

const HISTORY_QUERY = `query CommitHistory($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    defaultBranchRef { target { ... on Commit {
      history(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { oid messageHeadline additions deletions parents { totalCount }
          author { name email date user { login databaseId } }
          committer { name email date user { login databaseId } } } } } } } } }`;

const REVIEW_FIELDS =
  'databaseId state body submittedAt authorAssociation author { __typename login ... on User { databaseId } ... on Bot { databaseId } }';

const PULLS_QUERY = `query PullRequestReviews($owner: String!, $name: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes { number updatedAt additions deletions changedFiles mergedBy { login }
        reviews(first: 100) { pageInfo { hasNextPage endCursor } nodes { ${REVIEW_FIELDS} } } } } } }`;

const MORE_REVIEWS_QUERY = `query MoreReviews($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviews(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${REVIEW_FIELDS} } } } } }`;

const PROFILE_FIELDS =
  'databaseId login name company websiteUrl location email bio twitterUsername createdAt updatedAt';

describe('the crawler’s GraphQL queries', () => {
  it('commit history: one point per 100 commits, no errors', async () => {
    const variables = { owner: 'acme', name: 'rocket', after: null };
    expect(engine.cost(HISTORY_QUERY, variables)).toEqual({ cost: 1, nodeCount: 100 });
    const result = await engine.execute(HISTORY_QUERY, variables, context());
    expect(result.errors).toBeUndefined();
  });

  it('pull requests with nested reviews (50 per query → 1 point) and the follow-up page', async () => {
    const variables = { owner: 'acme', name: 'rocket', first: 50, after: null };
    expect(engine.cost(PULLS_QUERY, variables)).toEqual({ cost: 1, nodeCount: 50 + 5_000 });
    const result = await engine.execute(PULLS_QUERY, variables, context());
    expect(result.errors).toBeUndefined();
    const pr = (result.data as { repository: { pullRequests: { nodes: Array<Record<string, unknown>> } } })
      .repository.pullRequests.nodes[0];
    expect(pr).toMatchObject({
      number: 2,
      changedFiles: 1,
      mergedBy: { login: 'alice' },
      reviews: {
        nodes: [
          {
            databaseId: 7001,
            state: 'APPROVED',
            body: 'LGTM',
            authorAssociation: 'CONTRIBUTOR',
            author: { __typename: 'User', login: 'alice', databaseId: 1 },
          },
          { databaseId: 7002, authorAssociation: 'NONE', author: null },
        ],
      },
    });
    const more = await engine.execute(
      MORE_REVIEWS_QUERY,
      { owner: 'acme', name: 'rocket', number: 2, after: null },
      context(),
    );
    expect(more.errors).toBeUndefined();
  });

  it('pull requests by UPDATED_AT follow items appended or edited in place between requests', async () => {
    const world = testWorld();
    const repo = world.repos[0]!;
    const template = repo.issues.find((i) => i.pullRequest !== null)!;
    const numbers = async () => {
      const result = await engine.execute(
        PULLS_QUERY,
        { owner: 'acme', name: 'rocket', first: 50, after: null },
        { world, rateLimit: rateLimitView },
      );
      const data = result.data as { repository: { pullRequests: { nodes: { number: number }[] } } };
      return data.repository.pullRequests.nodes.map((n) => n.number);
    };
    repo.issues.push(
      { ...template, id: 90_001, number: 901, updatedAt: '2020-01-01T00:00:00Z' },
      { ...template, id: 90_002, number: 902, updatedAt: '2020-01-02T00:00:00Z' },
    );
    const before = await numbers();
    expect(before.slice(-2)).toEqual([902, 901]);
    repo.issues.find((i) => i.number === 901)!.updatedAt = '2030-01-01T00:00:00Z';
    const edited = [901, ...before.filter((n) => n !== 901)];
    expect(await numbers()).toEqual(edited);
    repo.issues.push({ ...template, id: 90_003, number: 903, updatedAt: '2029-01-01T00:00:00Z' });
    expect(await numbers()).toEqual([901, 903, ...edited.slice(1)]);
  });

  it('user profiles: 100 logins as variables and aliases', async () => {
    const logins = ['alice', 'bob', ...Array.from({ length: 98 }, (_, i) => `missing${i}`)];
    const variables = Object.fromEntries(logins.map((login, i) => [`l${i}`, login]));
    const query = `query UserProfiles(${logins.map((_, i) => `$l${i}: String!`).join(', ')}) {
      ${logins.map((_, i) => `u${i}: user(login: $l${i}) { __typename ${PROFILE_FIELDS} }`).join('\n')} }`;
    expect(engine.cost(query, variables)).toEqual({ cost: 1, nodeCount: 0 });
    const result = await engine.execute(query, variables, context());
    const data = result.data as Record<string, Record<string, unknown> | null>;
    expect(data['u0']).toMatchObject({
      __typename: 'User',
      login: 'alice',
      location: 'Toronto',
      websiteUrl: 'https://alice.dev',
    });
    expect(data['u1']).toMatchObject({ login: 'bob', location: '北京' });
    expect(data['u2']).toBeNull();
    expect(result.errors).toHaveLength(98);
  });
});
