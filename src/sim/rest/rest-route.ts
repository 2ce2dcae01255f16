import type { Credential } from '../limits/credential.js';
import type { RenderContext } from '../render/render-context.js';
import type { RepoScope } from '../render/repo-scope.js';
import type { SimState } from '../sim-state.js';

/** What a route handler sees. `query` is the parsed query string in request order. */
export interface RestRequest {
  state: SimState;
  params: Record<string, string>;
  query: URLSearchParams;
  ctx: RenderContext;
  credential: Credential;
  /**
   * Base of this resource's `Link` URLs. GitHub links repository lists through
   * `/repositories/{id}/…` whatever name the client used (see the `paginate-issues` recording);
   * the repository dispatcher rewrites it once the repository is known.
   */
  linkBase: string;
  /**
   * Identifies this list page for the page cache (repository, its fingerprint, API base, path and
   * the whole query); null = do not cache.
   */
  pageCacheKey: string | null;
}

export interface RestResult {
  status: number;
  /** Serialised JSON body (preferred on hot paths) … */
  json?: string;
  /** … with its UTF-8 bytes when the producer encoded it already (sent as they are). */
  bytes?: Buffer;
  /** … or a value to serialise. Neither = empty body (204, 304). */
  body?: unknown;
  /** Content hash of the body when the producer already knows it (saves hashing big pages). */
  bodyHash?: string;
  /** Renders the body only if needed (not for a 304); requires `bodyHash`. */
  lazyJson?: () => string | Buffer;
  headers?: Record<string, string>;
  /** ISO instant for `Last-Modified` / `If-Modified-Since` on single resources. */
  lastModified?: string;
}

export interface RestRoute {
  /** find-my-way pattern, e.g. `/users/:login`. */
  path: string;
  handle(req: RestRequest): RestResult;
}

/** A route under `/repos/:owner/:repo` (and `/repositories/:id`); the repository is resolved first. */
export interface RepoRoute {
  /** Suffix after the repository, e.g. `/issues/:number` ('' = the repository itself). */
  suffix: string;
  /** Whether 'empty' / 'gone' / 'dmca' states are answered by the dispatcher (true for all today). */
  handle(req: RestRequest, scope: RepoScope): RestResult;
}

export function json(status: number, body: unknown, extra: Partial<RestResult> = {}): RestResult {
  return { status, body, ...extra };
}
