import type { FastifyReply, FastifyRequest } from 'fastify';
import { faultResponse } from './faults.js';
import { variablesKey, type RateLimitView } from './graphql/index.js';
import { jsonBytes } from './json-bytes.js';
import { credentialOf } from './limits/credential.js';
import { rateLimitHeaders } from './limits/primary.js';
import { badCredentials, errorBody, secondaryExceeded } from './rest/github-errors.js';
import { COMMON_HEADERS, JSON_CONTENT_TYPE } from './rest/response-headers.js';
import { subjectOf } from './rest/serve-rest.js';
import type { SimState } from './sim-state.js';

const ENDPOINT = 'POST /graphql';

/**
 * POST /graphql (and /api/graphql). GitHub requires authentication for GraphQL (401 otherwise).
 * The engine's static cost is charged to the `graphql` bucket BEFORE execution; a query that costs
 * more than what remains is refused with HTTP 200 and `errors[].type = "RATE_LIMITED"`, as GitHub
 * does (https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api).
 * Secondary limits: 1 point per query, 5 per mutation, against `graphqlPointsPerMinute`.
 * Queries that fail cost analysis (syntax, schema, node limits) are answered without charge.
 */
export async function serveGraphql(
  state: SimState,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const now = state.now();
  const credential = credentialOf(request.headers.authorization, request.ip);
  const requestId = state.nextRequestId();
  state.stats.request(ENDPOINT, credential.fingerprint);
  const headers: Record<string, string> = {
    ...COMMON_HEADERS,
    'x-github-request-id': requestId,
    'content-type': JSON_CONTENT_TYPE,
  };
  const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
    state.stats.status(status);
    // Bytes, not text: Fastify would measure the text's UTF-8 length and the socket encode it
    // again; jsonBytes encodes the result piece by piece (see json-bytes.ts).
    void reply
      .code(status)
      .headers({ ...headers, ...extra })
      .send(Buffer.isBuffer(body) ? body : jsonBytes(body));
  };

  if (!credential.authenticated) {
    send(
      401,
      errorBody(
        401,
        'This endpoint requires you to be authenticated.',
        'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      ),
    );
    return;
  }
  if (credential.token !== null && state.config.rejectTokens.includes(credential.token)) {
    send(401, badCredentials());
    return;
  }
  const { query, variables } = readBody(request.body);
  const limit = state.limitFor(credential, 'graphql');
  const window = state.primary.peek(credential.key, 'graphql', limit, now);
  Object.assign(headers, rateLimitHeaders(window));
  if (query === undefined) {
    send(200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
    return;
  }
  const points = /^\s*mutation\b/.test(query) ? 5 : 1;
  const admission = state.secondary.admit(credential.key, 'graphql', points, now);
  if (!admission.admitted) {
    if (admission.violation) {
      state.stats.violation(
        { token: credential.fingerprint, endpoint: ENDPOINT, kind: 'secondary', resource: 'graphql' },
        new Date(now),
      );
    }
    send(403, secondaryExceeded(requestId), { 'retry-after': String(admission.retryAfterSeconds) });
    return;
  }
  try {
    const cost = state.graphql.cost(query, variables);
    if ('errors' in cost) {
      send(200, { errors: cost.errors });
      return;
    }
    if (window.remaining < cost.cost) {
      state.stats.violation(
        { token: credential.fingerprint, endpoint: ENDPOINT, kind: 'primary', resource: 'graphql' },
        new Date(now),
      );
      send(200, {
        errors: [
          {
            type: 'RATE_LIMITED',
            code: 'graphql_rate_limit',
            message: `API rate limit exceeded for ${subjectOf(credential, request.ip)}.`,
          },
        ],
      });
      return;
    }
    const fault = state.faults.next();
    if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.kind === 'drop') {
      state.stats.status('dropped');
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (fault.kind === 'error') {
      const { contentType, body } = faultResponse(fault.status);
      state.stats.status(fault.status);
      void reply
        .code(fault.status)
        .headers({ ...headers, 'content-type': contentType })
        .send(body);
      return;
    }
    const charged = state.primary.charge(credential.key, 'graphql', limit, cost.cost, now);
    state.stats.spent(credential.fingerprint, 'graphql', cost.cost);
    Object.assign(headers, rateLimitHeaders(charged));
    const generation = state.index.generation();
    const responses = state.graphqlResponses.use(generation);
    const key = responseKey(query, variables);
    const known = key === undefined ? undefined : responses.get(key);
    if (known !== undefined) {
      send(200, known);
      return;
    }
    let readsRateLimit = false;
    const rateLimit: RateLimitView = {
      limit: charged.limit,
      cost: cost.cost,
      remaining: charged.remaining,
      resetAt: new Date(charged.reset * 1000).toISOString(),
      used: charged.used,
      nodeCount: cost.nodeCount,
    };
    const result = await state.graphql.execute(query, variables, {
      world: state.world,
      nodes: state.graphqlNodes.use(generation),
      get rateLimit() {
        readsRateLimit = true;
        return rateLimit;
      },
    });
    const body = jsonBytes(result);
    // Answers with errors are not kept: they are rare, and some come from graphql-js's own path.
    if (key !== undefined && !readsRateLimit && result.errors === undefined) {
      responses.set(generation, key, body);
    }
    send(200, body);
  } finally {
    admission.release();
  }
}

/** Query text and variables' JSON; undefined when the variables are not plain JSON. */
function responseKey(query: string, variables: Record<string, unknown> | undefined): string | undefined {
  const json = variablesKey(variables);
  return json === undefined ? undefined : `${json}\n${query}`;
}

function readBody(body: unknown): {
  query: string | undefined;
  variables: Record<string, unknown> | undefined;
} {
  let parsed = body;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      return { query: undefined, variables: undefined };
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return { query: undefined, variables: undefined };
  const record = parsed as Record<string, unknown>;
  const query = typeof record['query'] === 'string' ? record['query'] : undefined;
  const variables =
    typeof record['variables'] === 'object' && record['variables'] !== null
      ? (record['variables'] as Record<string, unknown>)
      : undefined;
  return { query, variables };
}
