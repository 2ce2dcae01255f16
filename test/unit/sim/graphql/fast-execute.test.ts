import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { executeQuery } from '../../../../src/sim/graphql/graphql-engine.js';
import { userNodeId } from '../../../../src/sim/graphql/index.js';
import { rateLimitView, testWorld } from './world-fixture.js';

// The engine answers successful queries through its own fast executor and everything else through
// graphql-js. Both must give byte-identical responses: each case runs both ways and compares the
// JSON (key order included).
const world = testWorld();
const context = { world, rateLimit: rateLimitView };

const readme = readFileSync(new URL('../../../../src/sim/graphql/README.md', import.meta.url), 'utf8');
const readmeQueries = (/```graphql\n([\s\S]*?)```/.exec(readme)?.[1] ?? '')
  .split(/\n(?=query )/)
  .map((q) => q.trim())
  .filter((q) => q.length > 0);
const README_VARIABLES: Record<string, Record<string, unknown>> = {
  CommitHistory: { owner: 'acme', name: 'rocket', since: '2023-12-01T00:00:00Z' },
  PullRequestReviews: { owner: 'acme', name: 'rocket', first: 50 },
  Issues: { owner: 'acme', name: 'rocket', since: '2023-01-01T00:00:00Z' },
  UserProfiles: { l0: 'alice', l1: 'bob' },
  Owners: {},
  ByIds: { ids: [userNodeId(1), userNodeId(4, 'Bot')] },
};

const CASES: [string, string, Record<string, unknown>][] = [
  ...readmeQueries.map((query): [string, string, Record<string, unknown>] => {
    const name = /^query (\w+)/.exec(query)?.[1] ?? '?';
    return [`README ${name}`, query, README_VARIABLES[name] ?? {}];
  }),
  [
    'aliases, merged fields, fragments on abstract types, __typename',
    `query Q($owner: String!, $name: String!) {
      r: repository(owner: $owner, name: $name) { __typename name owner { login } ...Owner }
      again: repository(owner: $owner, name: $name) { nameWithOwner stargazerCount }
    }
    fragment Owner on Repository { owner { __typename ... on Organization { name } ... on User { location } } name }`,
    { owner: 'acme', name: 'rocket' },
  ],
  [
    'pull requests sorted by update, nested connections, enums and lists',
    `query Q($first: Int!) { repository(owner: "acme", name: "rocket") {
      pullRequests(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }, states: [MERGED, OPEN, CLOSED]) {
        totalCount edges { cursor node { number state isDraft labels(first: 5) { nodes { name } } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`,
    { first: 10 },
  ],
  [
    'not found (null + error): falls back to graphql-js',
    'query { repository(owner: "nobody", name: "nothing") { name } }',
    {},
  ],
  [
    'an unmodelled field (error): falls back to graphql-js',
    'query { repository(owner: "acme", name: "rocket") { name watchers { totalCount } } }',
    {},
  ],
  [
    'a directive: left to graphql-js',
    'query Q($yes: Boolean!) { repository(owner: "acme", name: "rocket") { name @include(if: $yes) id @skip(if: $yes) } }',
    { yes: true },
  ],
  ['rateLimit', 'query { rateLimit { limit cost remaining resetAt used nodeCount } }', {}],
];

describe('the fast executor', () => {
  it.each(CASES)('%s: same response as graphql-js', async (_name, query, variables) => {
    const fast = await executeQuery(query, variables, context);
    const reference = await executeQuery(query, variables, context, { fastPath: false });
    expect(JSON.stringify(fast)).toEqual(JSON.stringify(reference));
    expect(fast.data).not.toBeUndefined();
  });
});
