import { describe, expect, it } from '@jest/globals';
import { createGraphqlEngine } from '../../../../src/sim/graphql/index.js';
import { rateLimitView, testWorld } from './world-fixture.js';

const engine = createGraphqlEngine();
const context = { world: testWorld(), rateLimit: rateLimitView };

describe('GraphQL validation against GitHub’s schema', () => {
  it('answers an unknown field like GitHub: no data, undefinedField error', async () => {
    const result = await engine.execute(
      `{ repository(owner: "acme", name: "rocket") { nope } }`,
      undefined,
      context,
    );
    expect(result).toEqual({
      errors: [
        {
          message: "Field 'nope' doesn't exist on type 'Repository'",
          locations: [{ line: 1, column: 47 }],
          extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'nope' },
        },
      ],
    });
  });

  it('names missing required arguments and unknown arguments', async () => {
    const result = await engine.execute(
      `{ repository(owner: "acme") { history(first: 1) { totalCount } } user(login: "a", foo: 1) { login } }`,
      undefined,
      context,
    );
    const messages = result.errors?.map((e) => e.message);
    expect(messages).toContain("Field 'repository' is missing required arguments: name");
    expect(messages).toContain("Field 'history' doesn't exist on type 'Repository'");
    expect(messages).toContain("Field 'user' doesn't accept argument 'foo'");
    expect(result.data).toBeUndefined();
  });

  it('accepts fields that exist in the real schema even when unusual (Commit.changedFilesIfAvailable)', () => {
    const cost = engine.cost(
      `{ repository(owner: "a", name: "b") { defaultBranchRef { target { ... on Commit {
        changedFilesIfAvailable authoredByCommitter } } } } }`,
      undefined,
    );
    expect(cost).toEqual({ cost: 1, nodeCount: 0 });
  });

  it('reports syntax errors with a location', async () => {
    const result = await engine.execute(`{ repository(owner: "a" name: "b") { id `, undefined, context);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/^Syntax Error/);
    expect(result.errors?.[0]?.locations?.[0]?.line).toBe(1);
  });

  it('rejects variables of the wrong type', async () => {
    const result = await engine.execute(
      `query($n: Int!) { viewer { repositories(first: $n) { totalCount } } }`,
      { n: 'ten' },
      context,
    );
    expect(result.errors?.[0]?.message).toContain('$n');
  });

  it('refuses mutations: the simulator is read-only', async () => {
    const result = await engine.execute(
      `mutation { addStar(input: { starrableId: "x" }) { clientMutationId } }`,
      undefined,
      context,
    );
    expect(result.errors?.[0]?.message).toBe(
      'OSS Vitals simulator: the mutation operation is not implemented',
    );
  });
});
