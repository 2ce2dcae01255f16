import type { GitHubClient, GraphqlResult } from './github-client.types.js';

export interface GraphqlQueryOptions {
  credential: string;
  /** Points to reserve from the GraphQL budget (a 100-node history page costs 1). Default 1. */
  estimatedCost?: number;
  signal?: AbortSignal | undefined;
}

/**
 * One GraphQL query under the budget and failure policy. Ask for `rateLimit { cost remaining resetAt }`
 * in the query to get it back in `result.rateLimit`; the budget is tracked from the response headers
 * either way. Variable names must not be `url`, `headers`, `request`, `method`, `baseUrl`,
 * `mediaType`, `operationName` or `query` (octokit reserves them).
 */
export function graphqlQuery<T>(
  client: GitHubClient,
  query: string,
  variables: Record<string, unknown>,
  options: GraphqlQueryOptions,
): Promise<GraphqlResult<T>> {
  return client.graphql<T>(query, variables, options);
}
