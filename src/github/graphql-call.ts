import { ESTIMATED_COST_HEADER } from './budgeted-fetch.js';
import type { CallContext } from './call-context.js';
import { classifyFailure } from './classify-failure.js';
import { failureInputOf } from './failure-input.js';
import type { GraphqlRateLimit, GraphqlResult } from './github-client.types.js';
import { runWithPolicy } from './request-loop.js';

/**
 * One GraphQL query under the failure policy. `estimatedCost` travels in an internal header to the
 * budget check (removed before sending). Data that comes with only NOT_FOUND errors (a deleted user
 * in a batch of 100) is returned with those errors instead of failing the whole query.
 */
export function graphqlCall<T>(
  ctx: CallContext,
  graphqlUrl: string,
  query: string,
  variables: Record<string, unknown>,
  estimatedCost: number,
): Promise<GraphqlResult<T>> {
  return runWithPolicy(async () => {
    ctx.assertUsable();
    try {
      // Object form: octokit refuses `url` next to a query string, and reads every other key of
      // this object as a GraphQL variable.
      const data = await ctx.octokit.graphql<T>({
        ...variables,
        query,
        url: graphqlUrl,
        headers: { [ESTIMATED_COST_HEADER]: String(estimatedCost) },
        request: { signal: ctx.signal },
      });
      return { data, rateLimit: rateLimitOf(data), errors: [] };
    } catch (err) {
      const partial = partialResult<T>(err);
      if (partial !== undefined) return partial;
      throw err;
    }
  }, ctx.loop);
}

export function operationName(query: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'query';
}

function partialResult<T>(err: unknown): GraphqlResult<T> | undefined {
  const e = err as { name?: unknown; data?: unknown; errors?: unknown };
  if (e.name !== 'GraphqlResponseError' || !e.data || !Array.isArray(e.errors)) return undefined;
  const errors = (e.errors as { type?: unknown; message?: unknown; path?: unknown }[]).map((g) => ({
    type: typeof g.type === 'string' ? g.type : null,
    message: typeof g.message === 'string' ? g.message : '',
    path: Array.isArray(g.path) ? (g.path as (string | number)[]) : null,
  }));
  if (!errors.every((g) => g.type === 'NOT_FOUND')) return undefined;
  if (classifyFailure(failureInputOf(err)).kind === 'wait') return undefined;
  return { data: e.data as T, rateLimit: rateLimitOf(e.data), errors };
}

function rateLimitOf(data: unknown): GraphqlRateLimit | null {
  const rateLimit = (data as { rateLimit?: Partial<GraphqlRateLimit> } | null)?.rateLimit;
  if (!rateLimit || typeof rateLimit.remaining !== 'number') return null;
  return {
    cost: rateLimit.cost ?? 0,
    remaining: rateLimit.remaining,
    resetAt: String(rateLimit.resetAt ?? ''),
  };
}
