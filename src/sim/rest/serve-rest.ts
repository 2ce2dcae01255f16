import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentHash, etagMatches, httpDate, notModifiedSince, weakEtag } from '../etag.js';
import { faultResponse } from '../faults.js';
import { credentialOf, type Credential } from '../limits/credential.js';
import { rateLimitHeaders, type RateWindow } from '../limits/primary.js';
import type { RenderContext } from '../render/render-context.js';
import type { SimState } from '../sim-state.js';
import { badCredentials, errorBody, primaryExceeded, secondaryExceeded } from './github-errors.js';
import { COMMON_HEADERS, JSON_CONTENT_TYPE, SUPPORTED_API_VERSIONS } from './response-headers.js';
import type { RestRequest, RestResult } from './rest-route.js';

export interface RestCall {
  /** Stats name, e.g. `GET /repos/{owner}/{repo}/issues`. */
  endpoint: string;
  /** `''` or `/api/v3`. */
  prefix: string;
  /** Answers the request; `path` is the request path without prefix and query. */
  produce: (req: RestRequest, path: string) => RestResult;
}

/**
 * One REST request, in GitHub's order of concerns: credentials (401), secondary limits (403 +
 * retry-after), primary budget (403 with remaining 0), injected faults, then the handler with
 * ETag/304. Budget policy: every answered request costs 1 core point, except a 304 to an
 * authenticated request (GitHub: conditional requests that return 304 are free when authorized);
 * refused requests (401, primary or secondary 403) and injected faults (5xx, dropped connections)
 * cost nothing, so a fault schedule never changes the budget a crawl is charged.
 */
export async function serveRest(
  state: SimState,
  request: FastifyRequest,
  reply: FastifyReply,
  call: RestCall,
): Promise<void> {
  const now = state.now();
  const credential = credentialOf(request.headers.authorization, request.ip);
  const requestId = state.nextRequestId();
  state.stats.request(call.endpoint, credential.fingerprint);
  const headers: Record<string, string> = { ...COMMON_HEADERS, 'x-github-request-id': requestId };
  const send = (status: number, body: string | Buffer, extra: Record<string, string> = {}) => {
    state.stats.status(status);
    // 204 and 304 carry no body and no content type, as on GitHub.
    const typed = body.length === 0 ? {} : { 'content-type': JSON_CONTENT_TYPE };
    void reply
      .code(status)
      .headers({ ...headers, ...typed, ...extra })
      .send(body);
  };

  if (credential.token !== null && state.config.rejectTokens.includes(credential.token)) {
    send(401, JSON.stringify(badCredentials()));
    return;
  }
  const version = headerValue(request.headers['x-github-api-version']);
  if (version !== undefined && !SUPPORTED_API_VERSIONS.includes(version)) {
    send(400, JSON.stringify(errorBody(400, `API version '${version}' is not supported.`)));
    return;
  }

  const limit = state.limitFor(credential, 'core');
  const window = state.primary.peek(credential.key, 'core', limit, now);
  Object.assign(headers, rateLimitHeaders(window));
  const admission = state.secondary.admit(credential.key, 'rest', 1, now);
  if (!admission.admitted) {
    if (admission.violation) violation(state, credential, call.endpoint, 'secondary', now);
    send(403, JSON.stringify(secondaryExceeded(requestId)), {
      'retry-after': String(admission.retryAfterSeconds),
    });
    return;
  }
  try {
    if (window.remaining <= 0) {
      violation(state, credential, call.endpoint, 'primary', now);
      send(
        403,
        JSON.stringify(
          primaryExceeded(subjectOf(credential, request.ip), credential.authenticated, requestId),
        ),
      );
      return;
    }
    const fault = state.faults.next();
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.kind === 'drop') {
      state.stats.status('dropped');
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (fault.kind === 'error') {
      const { contentType, body } = faultResponse(fault.status);
      send(fault.status, body, { 'content-type': contentType });
      return;
    }
    answer(state, request, call, credential, headers, send);
  } finally {
    admission.release();
  }
}

function answer(
  state: SimState,
  request: FastifyRequest,
  call: RestCall,
  credential: Credential,
  headers: Record<string, string>,
  send: (status: number, body: string | Buffer, extra?: Record<string, string>) => void,
): void {
  const now = state.now();
  const url = request.raw.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = (queryAt === -1 ? url : url.slice(0, queryAt)).slice(call.prefix.length) || '/';
  const origin = `${request.protocol}://${request.headers.host ?? request.hostname}`;
  const ctx: RenderContext = { api: `${origin}${call.prefix}`, web: origin };
  const restRequest: RestRequest = {
    state,
    params: request.params as Record<string, string>,
    query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
    ctx,
    credential,
    linkBase: `${ctx.api}${path}`,
    pageCacheKey: null,
  };
  const result = call.produce(restRequest, path);
  let body: string | Buffer =
    result.bytes ?? result.json ?? (result.body === undefined ? '' : JSON.stringify(result.body));
  const extra: Record<string, string> = { ...result.headers };
  let status = result.status;
  if (status === 200) {
    const etag = weakEtag(result.bodyHash ?? contentHash(body), credential.key);
    if (result.lazyJson !== undefined && !etagMatches(headerValue(request.headers['if-none-match']), etag)) {
      body = result.lazyJson();
    }
    extra['etag'] = etag;
    extra['cache-control'] = credential.authenticated
      ? 'private, max-age=60, s-maxage=60'
      : 'public, max-age=60, s-maxage=60';
    if (result.lastModified !== undefined) extra['last-modified'] = httpDate(result.lastModified);
    const ifNoneMatch = headerValue(request.headers['if-none-match']);
    const conditionalHit =
      ifNoneMatch !== undefined
        ? etagMatches(ifNoneMatch, etag)
        : result.lastModified !== undefined &&
          notModifiedSince(headerValue(request.headers['if-modified-since']), result.lastModified);
    if (conditionalHit) status = 304;
  }
  const free = status === 304 && credential.authenticated;
  if (!free) {
    const window: RateWindow = state.primary.charge(
      credential.key,
      'core',
      state.limitFor(credential, 'core'),
      1,
      now,
    );
    state.stats.spent(credential.fingerprint, 'core', 1);
    Object.assign(headers, rateLimitHeaders(window));
  }
  if (status === 304) {
    state.stats.notModified(credential.fingerprint);
    delete extra['link'];
    send(304, '', extra);
    return;
  }
  send(status, body, extra);
}

function violation(
  state: SimState,
  credential: Credential,
  endpoint: string,
  kind: 'primary' | 'secondary',
  now: number,
): void {
  state.stats.violation({ token: credential.fingerprint, endpoint, kind, resource: 'core' }, new Date(now));
}

/** GitHub names the account for tokens and the IP address for anonymous callers. */
export function subjectOf(credential: Credential, ip: string): string {
  if (!credential.authenticated) return ip;
  return `user ID ${Number.parseInt(credential.fingerprint.slice(0, 7), 16)}`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
