import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialOf } from '../limits/credential.js';
import { rateLimitHeaders, type RateResource } from '../limits/primary.js';
import type { SimState } from '../sim-state.js';
import { badCredentials } from './github-errors.js';
import { COMMON_HEADERS, JSON_CONTENT_TYPE } from './response-headers.js';

/**
 * GET /rate_limit: the caller's budgets. "Accessing this endpoint does not count against your REST
 * API rate limit" (https://docs.github.com/rest/rate-limit/rate-limit), so it charges nothing and
 * is never a violation.
 */
export function serveRateLimit(state: SimState, request: FastifyRequest, reply: FastifyReply): void {
  const now = state.now();
  const credential = credentialOf(request.headers.authorization, request.ip);
  state.stats.request('GET /rate_limit', credential.fingerprint);
  const headers = {
    ...COMMON_HEADERS,
    'x-github-request-id': state.nextRequestId(),
    'content-type': JSON_CONTENT_TYPE,
  };
  if (credential.token !== null && state.config.rejectTokens.includes(credential.token)) {
    state.stats.status(401);
    void reply.code(401).headers(headers).send(JSON.stringify(badCredentials()));
    return;
  }
  const view = (resource: RateResource) => {
    const window = state.primary.peek(credential.key, resource, state.limitFor(credential, resource), now);
    return { limit: window.limit, used: window.used, remaining: window.remaining, reset: window.reset };
  };
  const core = view('core');
  const resources: Record<string, unknown> = { core, search: view('search') };
  if (credential.authenticated) resources['graphql'] = view('graphql');
  state.stats.status(200);
  void reply
    .code(200)
    .headers({
      ...headers,
      ...rateLimitHeaders(state.primary.peek(credential.key, 'core', core.limit, now)),
      'cache-control': 'no-cache',
    })
    .send(JSON.stringify({ resources, rate: core }));
}
