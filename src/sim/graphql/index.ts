import type { World } from '../world.js';
import type { GraphqlResult, QueryCost, RateLimitView } from './types.js';

export type { GraphqlError, GraphqlResult, QueryCost, RateLimitView } from './types.js';

export interface GraphqlEngine {
  /** Static cost of a query per GitHub's formula, computed BEFORE execution (used for the rate limit). */
  cost(query: string, variables: Record<string, unknown> | undefined): QueryCost;
  /** Validates against GitHub's real public schema (@octokit/graphql-schema) and executes. */
  execute(
    query: string,
    variables: Record<string, unknown> | undefined,
    context: { world: World; rateLimit: RateLimitView },
  ): Promise<GraphqlResult>;
}

/** Placeholder until the engine lands: answers every query with an error, cost 1. */
export function createGraphqlEngine(): GraphqlEngine {
  return {
    cost: () => ({ cost: 1, nodeCount: 0 }),
    execute: () =>
      Promise.resolve({
        errors: [{ message: 'OSS Vitals simulator: GraphQL engine is not implemented yet' }],
      }),
  };
}
