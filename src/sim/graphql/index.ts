import type { World } from '../world.js';
import { githubSchema } from './github-schema.js';
import { executeQuery, queryCost } from './graphql-engine.js';
import type { NodeCache } from './node-cache.js';
import type { GraphqlResult, QueryCost, RateLimitView } from './types.js';

export type { GraphqlError, GraphqlResult, QueryCost, RateLimitView } from './types.js';
export { NodeCache } from './node-cache.js';
export { ResponseCache } from './response-cache.js';
export { variablesKey } from './variables-key.js';
export { commitNodeId, decodeNodeId, legacyNodeId, repositoryNodeId, userNodeId } from './node-id.js';
export { MAX_NODE_COUNT, MAX_PAGE_SIZE } from './query-cost.js';

export interface GraphqlEngine {
  /** Static cost of a query per GitHub's formula, computed BEFORE execution (used for the rate limit). */
  cost(query: string, variables: Record<string, unknown> | undefined): QueryCost;
  /**
   * Validates against GitHub's real public schema (@octokit/graphql-schema) and executes. With
   * `nodes`, completed objects of world items are reused across requests and `data` may be
   * RawJson (JSON bytes): serialise the result with jsonBytes. `context.rateLimit` is read only
   * when the query selects the `rateLimit` field (a getter tells the caller whether it was).
   */
  execute(
    query: string,
    variables: Record<string, unknown> | undefined,
    context: { world: World; rateLimit: RateLimitView; nodes?: NodeCache },
  ): Promise<GraphqlResult>;
}

/**
 * The simulator's GraphQL engine. The HTTP layer (src/sim server) owns transport, auth and the
 * rate-limit buckets: it calls `cost()` to charge the bucket, then `execute()` with a snapshot of
 * the bucket for the `rateLimit` field. The schema is loaded once, on first use or when `startSimulator` starts (~250 ms).
 */
export function createGraphqlEngine(): GraphqlEngine {
  return { cost: queryCost, execute: executeQuery };
}

/**
 * Builds GitHub's schema now instead of on the first GraphQL request (~250 ms): a server that is
 * listening answers its first query as fast as the others.
 */
export function loadGraphqlSchema(): void {
  githubSchema();
}
