import Fastify, { type FastifyInstance } from 'fastify';
import { registerControlRoutes } from './control.js';
import { serveGraphql } from './graphql-endpoint.js';
import { credentialOf } from './limits/credential.js';
import { commitRoutes } from './rest/commits.routes.js';
import { contributorRoutes } from './rest/contributors.routes.js';
import { registerAppRoutes } from './rest/apps.routes.js';
import { errorBody, notFound } from './rest/github-errors.js';
import { issueRoutes } from './rest/issues.routes.js';
import { metaRoutes } from './rest/meta.routes.js';
import { pullRoutes } from './rest/pulls.routes.js';
import { serveRateLimit } from './rest/rate-limit.route.js';
import { releaseRoutes } from './rest/releases.routes.js';
import { serveRepoRoute, type RepoLocator } from './rest/repo-routes.js';
import { repoRoutes } from './rest/repos.routes.js';
import { COMMON_HEADERS, JSON_CONTENT_TYPE } from './rest/response-headers.js';
import type { RepoRoute, RestRoute } from './rest/rest-route.js';
import { serveRest } from './rest/serve-rest.js';
import { userRoutes } from './rest/users.routes.js';
import type { SimState } from './sim-state.js';

const PLAIN_ROUTES: RestRoute[] = [...metaRoutes, ...userRoutes];
const REPO_ROUTES: RepoRoute[] = [
  ...repoRoutes,
  ...commitRoutes,
  ...contributorRoutes,
  ...issueRoutes,
  ...pullRoutes,
  ...releaseRoutes,
];

/** REST is served at `/` (api.github.com) and `/api/v3` (GitHub Enterprise layout). */
const REST_PREFIXES = ['', '/api/v3'];

/** Builds the simulator's HTTP app (not listening), so tests may also use `app.inject`. */
export function buildSimApp(state: SimState): FastifyInstance {
  const app = Fastify({
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    forceCloseConnections: true,
    bodyLimit: 5 * 1024 * 1024,
  });

  registerAppRoutes(app, state, REST_PREFIXES);
  for (const prefix of REST_PREFIXES) {
    app.get(`${prefix}/rate_limit`, (request, reply) => serveRateLimit(state, request, reply));
    for (const route of PLAIN_ROUTES) {
      const endpoint = `GET ${braces(route.path)}`;
      app.get(`${prefix}${route.path}` || '/', (request, reply) =>
        serveRest(state, request, reply, { endpoint, prefix, produce: (req) => route.handle(req) }),
      );
    }
    for (const route of REPO_ROUTES) {
      const endpoint = `GET /repos/{owner}/{repo}${braces(route.suffix)}`;
      app.get(`${prefix}/repos/:owner/:repo${route.suffix}`, (request, reply) =>
        serveRest(state, request, reply, {
          endpoint,
          prefix,
          produce: (req, path) => {
            const locator: RepoLocator = {
              by: 'name',
              owner: req.params['owner'] ?? '',
              name: req.params['repo'] ?? '',
            };
            return serveRepoRoute(req, locator, suffixOf(path, 4), route);
          },
        }),
      );
      app.get(`${prefix}/repositories/:id${route.suffix}`, (request, reply) =>
        serveRest(state, request, reply, {
          endpoint,
          prefix,
          produce: (req, path) => {
            const id = /^\d+$/.test(req.params['id'] ?? '') ? Number(req.params['id']) : -1;
            return serveRepoRoute(req, { by: 'id', id }, suffixOf(path, 3), route);
          },
        }),
      );
    }
  }
  for (const path of ['/graphql', '/api/graphql']) {
    app.post(path, (request, reply) => serveGraphql(state, request, reply));
  }
  registerControlRoutes(app, state);

  app.setNotFoundHandler((request, reply) => {
    // Counted (so a crawler asking for unmodelled paths shows up in stats) but never charged.
    if (!request.url.startsWith('/_sim/')) {
      state.stats.request(
        `${request.method} (unknown path)`,
        credentialOf(request.headers.authorization, request.ip).fingerprint,
      );
      state.stats.status(404);
    }
    void reply.code(404).headers(COMMON_HEADERS).type(JSON_CONTENT_TYPE).send(JSON.stringify(notFound()));
  });
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    // Malformed JSON bodies get GitHub's wording; anything else is a simulator bug worth a 500.
    const status = error.statusCode !== undefined && error.statusCode < 500 ? 400 : 500;
    const message = status === 400 ? 'Problems parsing JSON' : 'Server Error';
    void reply
      .code(status)
      .headers(COMMON_HEADERS)
      .type(JSON_CONTENT_TYPE)
      .send(JSON.stringify(errorBody(status, message)));
  });
  return app;
}

/** `/issues/:number` → `/issues/{number}` for stats names. */
function braces(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** The request path after the repository part (`/repos/o/r` = 4 segments incl. the empty first). */
function suffixOf(path: string, segments: number): string {
  const rest = path.split('/').slice(segments).join('/');
  return rest === '' ? '' : `/${rest}`;
}
