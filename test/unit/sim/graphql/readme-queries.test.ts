import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createGraphqlEngine, userNodeId } from '../../../../src/sim/graphql/index.js';
import { rateLimitView, testWorld } from './world-fixture.js';

// Every query the module README promises must validate, cost what GitHub would and run without
// errors, so the README stays true.
const engine = createGraphqlEngine();
const readme = readFileSync(new URL('../../../../src/sim/graphql/README.md', import.meta.url), 'utf8');
const block = /```graphql\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const queries = block
  .split(/\n(?=query )/)
  .map((q) => q.trim())
  .filter((q) => q.length > 0);

const VARIABLES: Record<string, Record<string, unknown>> = {
  CommitHistory: { owner: 'acme', name: 'rocket', since: '2023-12-01T00:00:00Z' },
  PullRequestReviews: { owner: 'acme', name: 'rocket', first: 50 },
  Issues: { owner: 'acme', name: 'rocket', since: '2023-01-01T00:00:00Z' },
  UserProfiles: { l0: 'alice', l1: 'bob' },
  Owners: {},
  ByIds: { ids: [userNodeId(1), userNodeId(4, 'Bot')] },
};

describe('README query shapes', () => {
  it('lists the six documented queries', () => {
    expect(queries.map((q) => /^query (\w+)/.exec(q)?.[1])).toEqual(Object.keys(VARIABLES));
  });

  it.each(queries.map((q) => [/^query (\w+)/.exec(q)?.[1] ?? '?', q]))(
    '%s runs without errors',
    async (name, query) => {
      const variables = VARIABLES[name];
      expect(engine.cost(query, variables)).toEqual(expect.objectContaining({ cost: expect.any(Number) }));
      const result = await engine.execute(query, variables, {
        world: testWorld(),
        rateLimit: rateLimitView,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data).toBeTruthy();
    },
  );
});
