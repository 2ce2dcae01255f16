import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyAppJwt } from '../apps/app-tokens.js';
import { credentialOf, tokenOf } from '../limits/credential.js';
import { rateLimitHeaders } from '../limits/primary.js';
import type { SimApp } from '../sim-config.js';
import type { SimState } from '../sim-state.js';
import { badCredentials, errorBody, notFound } from './github-errors.js';
import { COMMON_HEADERS, JSON_CONTENT_TYPE } from './response-headers.js';

const ACCESS_TOKENS_ENDPOINT = 'POST /app/installations/{installation_id}/access_tokens';
const INSTALLATION_ENDPOINT = 'GET /app/installations/{installation_id}';
const APP_DOCS = 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app';

/** What the simulated installations may do: read what OSS Vitals crawls. */
const PERMISSIONS = { metadata: 'read', contents: 'read', issues: 'read', pull_requests: 'read' };

/**
 * GitHub App endpoints (enough for @octokit/auth-app) and the validity check of installation
 * tokens: a token the simulator did not issue, or one past its `expires_at`, gets 401 Bad
 * credentials before any route runs — REST and GraphQL alike, as on GitHub. Requests authenticated
 * with the app's JWT are charged to the app (`app:<id>`), never to an installation.
 */
export function registerAppRoutes(app: FastifyInstance, state: SimState, prefixes: readonly string[]): void {
  // Callback style (no promise per request): answering without calling done() ends the request.
  app.addHook('onRequest', (request, reply, done) => {
    const authorization = request.headers.authorization;
    if (authorization === undefined || !authorization.includes('ghs_') || request.url.startsWith('/_sim/')) {
      done();
      return;
    }
    const credential = credentialOf(authorization, request.ip);
    if (
      credential.installation === undefined ||
      credential.token === null ||
      state.appTokens.isValid(credential.token, state.now())
    ) {
      done();
      return;
    }
    state.stats.request(`${request.method} ${endpointOf(request)}`, credential.fingerprint);
    sendJson(state, reply, 401, badCredentials());
  });
  for (const prefix of prefixes) {
    app.post(`${prefix}/app/installations/:installation_id/access_tokens`, (request, reply) => {
      const app = authenticateApp(state, request, reply, ACCESS_TOKENS_ENDPOINT);
      if (app === undefined) return;
      const installationId = installationIdOf(request, app);
      if (installationId === undefined) {
        sendJson(state, reply, 404, notFound());
        return;
      }
      const now = state.now();
      const issued = state.appTokens.issue(app.id, installationId, state.config.appTokenLifetimeSeconds, now);
      state.stats.installationTokenIssued();
      sendJson(state, reply, 201, {
        token: issued.token,
        expires_at: new Date(issued.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        permissions: PERMISSIONS,
        repository_selection: 'all',
      });
    });
    app.get(`${prefix}/app/installations/:installation_id`, (request, reply) => {
      const app = authenticateApp(state, request, reply, INSTALLATION_ENDPOINT);
      if (app === undefined) return;
      const installationId = installationIdOf(request, app);
      if (installationId === undefined) {
        sendJson(state, reply, 404, notFound());
        return;
      }
      const origin = `${request.protocol}://${request.headers.host ?? request.hostname}${prefix}`;
      sendJson(state, reply, 200, {
        id: installationId,
        app_id: app.id,
        target_type: 'Organization',
        repository_selection: 'all',
        permissions: PERMISSIONS,
        access_tokens_url: `${origin}/app/installations/${installationId}/access_tokens`,
        events: [],
        suspended_at: null,
      });
    });
  }
}

/** Verifies the JWT, counts and charges the request to the app; answers 401 itself when it fails. */
function authenticateApp(
  state: SimState,
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: string,
): SimApp | undefined {
  const now = state.now();
  const jwt = tokenOf(request.headers.authorization);
  const check = jwt === null ? undefined : verifyAppJwt(jwt, state.config.apps, now);
  if (check === undefined || !check.ok) {
    state.stats.request(endpoint, 'app:unauthenticated');
    const message = check?.ok === false ? check.message : 'A JSON web token could not be decoded';
    sendJson(state, reply, 401, errorBody(401, message, APP_DOCS));
    return undefined;
  }
  const key = `app:${check.app.id}`;
  state.stats.request(endpoint, key);
  const window = state.primary.charge(key, 'core', state.config.rateLimit.core, 1, now);
  void reply.headers(rateLimitHeaders(window));
  return check.app;
}

function installationIdOf(request: FastifyRequest, app: SimApp): number | undefined {
  const raw = (request.params as Record<string, string>)['installation_id'] ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : -1;
  return app.installations.includes(id) ? id : undefined;
}

function sendJson(state: SimState, reply: FastifyReply, status: number, body: unknown): void {
  state.stats.status(status);
  void reply
    .code(status)
    .headers({ ...COMMON_HEADERS, 'x-github-request-id': state.nextRequestId() })
    .type(JSON_CONTENT_TYPE)
    .send(JSON.stringify(body));
}

/** `GET /repos/{owner}/{repo}` for stats, whatever the prefix; unknown paths as the 404 handler names them. */
function endpointOf(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route === undefined) return '(unknown path)';
  return route
    .replace(/^\/api\/v3(?=\/)/, '')
    .replace(/^\/api(?=\/graphql$)/, '')
    .replace(/:(\w+)/g, '{$1}');
}
