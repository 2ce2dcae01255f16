/**
 * GitHubClient — the one object through which OSS Vitals talks to GitHub (REST and GraphQL).
 * Crawl stages receive it; only src/github ever sees a token. Credentials are named by fingerprint.
 *
 *   const github = createGitHubClient({ config, logger, etagStore, ledger, signal });
 *   const credential = github.pickCredential(repoKey, storedFingerprint);   // pin a repository
 *   for await (const page of paginateRest(github, 'GET /repos/{owner}/{repo}/issues', { owner, repo, state: 'all' }, { credential }))
 *     …page.items…
 *   const { data } = await graphqlQuery(github, QUERY, variables, { credential, estimatedCost: 1 });
 *   const repo = await getRepository(github, owner, name, { credential });   // follows renames
 *
 * Methods:
 * - `credentials` — fingerprints of the configured credentials (`anonymous` when no token: 60/h).
 * - `pickCredential(repoKey, preferred?)` — the credential a repository is pinned to (stable hash);
 *   `preferred` (the fingerprint stored on the repository row) wins while it is usable.
 * - `rest(route, params, options)` — one REST request under the budget and failure policy;
 *   `options.conditional` sends If-None-Match/If-Modified-Since from the EtagStore and answers
 *   `{ notModified: true }` on 304; `result.saveValidators()` stores the new ETag once the caller has
 *   stored the data (so a crash in between never turns into a false 304 later).
 * - `graphql(query, variables, options)` — one GraphQL query; `options.estimatedCost` is reserved
 *   from the GraphQL budget beforehand; `rateLimit { cost remaining resetAt }` is surfaced when the
 *   query asks for it. Partial data with NOT_FOUND errors (deleted users…) is returned with `errors`.
 * - `isUsable(fingerprint)` — false once GitHub rejected the credential (401).
 * - `budget()` — what the ledger knows per credential and resource (for status and metrics).
 * - `close()` — stops using the client (closes the ledger it created itself).
 * Failures throw GitHubError (a VitalsError with `kind`: gone, blocked, empty, auth, narrow, fatal,
 * or retry/wait after the bounded attempts); aborting `signal` rejects with the abort reason.
 */
import type { Config } from '../../config/load-config.js';
import { VitalsError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { registerSecret } from '../shared/redact.js';
import type { BackoffPolicy } from './backoff.js';
import type { BudgetLedger, BudgetSnapshot } from './budget-ledger.js';
import { createBudgetedFetch, ESTIMATED_COST_HEADER } from './budgeted-fetch.js';
import { classifyFailure } from './classify-failure.js';
import { ANONYMOUS_FINGERPRINT, fingerprintOf, type CredentialInfo } from './credential.js';
import { createOctokit, type GitHubOctokit } from './create-octokit.js';
import type { EtagStore } from './etag-store.js';
import { failureInputOf } from './failure-input.js';
import { GitHubError } from './github-error.js';
import { InMemoryBudgetLedger } from './in-memory-budget-ledger.js';
import { pickCredentialFor } from './pick-credential.js';
import { runWithPolicy } from './request-loop.js';
import type { BudgetPolicy } from './reserve-budget.js';
import { Semaphore } from './semaphore.js';

export interface GitHubClientOptions extends BudgetPolicy {
  /** Timeout of each HTTP attempt, from the moment it is sent. */
  requestTimeoutMs: number;
  /** Requests in flight per credential (secondary limits punish concurrency). */
  concurrencyPerCredential: number;
  /** Attempts per call for transient failures (5xx, resets, timeouts, 202). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Rate-limit answers tolerated within one call before giving up with GH_RATE_LIMITED. */
  maxRateLimitWaits: number;
  /** plugin-retry's own quick retries (0: our loop, with full jitter, does all retrying). */
  pluginRetries: number;
  pluginRetryAfterBaseMs: number;
}

export const DEFAULT_CLIENT_OPTIONS: Readonly<GitHubClientOptions> = Object.freeze({
  requestTimeoutMs: 30_000,
  concurrencyPerCredential: 4,
  reserveFloor: 50,
  resetMarginMs: 1_000,
  reservationTtlMs: 120_000,
  pollMs: 50,
  pointsPerMinute: { rest: 900, graphql: 2_000 },
  maxWaitMs: Number.POSITIVE_INFINITY,
  maxAttempts: 5,
  backoff: { baseMs: 500, capMs: 30_000 },
  maxRateLimitWaits: 20,
  pluginRetries: 0,
  pluginRetryAfterBaseMs: 1_000,
});

export type RestParams = Record<string, unknown>;

export interface RestOptions {
  credential: string;
  /** Send the stored validators (If-None-Match) and answer notModified on 304. */
  conditional?: boolean;
  /** Overrides the client's EtagStore for this call. */
  etagStore?: EtagStore | undefined;
  signal?: AbortSignal | undefined;
}

export interface RestResult<T> {
  status: number;
  /** undefined on 304 (the caller still has what it stored) and 204. */
  data: T | undefined;
  notModified: boolean;
  /** The URL actually answered (after redirects). */
  url: string;
  /** The URL requested (the EtagStore key). */
  requestUrl: string;
  etag: string | null;
  lastModified: string | null;
  /** The `Link` header (pagination). */
  link: string | null;
  /** Stores this response's validators for (credential, requestUrl) — call once the data is stored. */
  saveValidators(): Promise<void>;
}

export interface GraphqlOptions {
  credential: string;
  /** Points reserved from the GraphQL budget before sending (default 1). */
  estimatedCost?: number;
  signal?: AbortSignal | undefined;
}

export interface GraphqlRateLimit {
  cost: number;
  remaining: number;
  resetAt: string;
}

export interface GraphqlResult<T> {
  data: T;
  rateLimit: GraphqlRateLimit | null;
  /** NOT_FOUND errors that came with partial data (e.g. a deleted user in a batch). */
  errors: { type: string | null; message: string; path: (string | number)[] | null }[];
}

export interface GitHubClient {
  readonly credentials: readonly CredentialInfo[];
  readonly logger: Logger;
  readonly etagStore: EtagStore | undefined;
  pickCredential(repoKey: string, preferred?: string): string;
  isUsable(fingerprint: string): boolean;
  rest<T = unknown>(route: string, params: RestParams, options: RestOptions): Promise<RestResult<T>>;
  graphql<T = unknown>(
    query: string,
    variables: Record<string, unknown>,
    options: GraphqlOptions,
  ): Promise<GraphqlResult<T>>;
  budget(): Promise<BudgetSnapshot[]>;
  close(): Promise<void>;
}

export interface CreateGitHubClientDeps {
  config: Pick<Config, 'github'>;
  logger: Logger;
  etagStore?: EtagStore | undefined;
  /** Shared budget (Redis in distributed mode); default: an in-memory ledger for this process. */
  ledger?: BudgetLedger | undefined;
  /** HTTP transport (tests point it nowhere special: the simulator is real HTTP). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Shutdown: aborts waits and requests in flight. */
  signal?: AbortSignal | undefined;
  options?: Partial<GitHubClientOptions> | undefined;
  now?: () => number;
  random?: () => number;
}

interface CredentialRuntime {
  info: CredentialInfo;
  octokit: GitHubOctokit;
}

export function createGitHubClient(deps: CreateGitHubClientDeps): GitHubClient {
  const options: GitHubClientOptions = { ...DEFAULT_CLIENT_OPTIONS, ...deps.options };
  const logger = deps.logger;
  const ownsLedger = deps.ledger === undefined;
  const ledger = deps.ledger ?? new InMemoryBudgetLedger(deps.now);
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const { apiUrl, graphqlUrl, tokens } = deps.config.github;
  const semaphores = new Map<string, Semaphore>();
  const rejected = new Set<string>();

  const runtimes = new Map<string, CredentialRuntime>();
  const secrets: (string | undefined)[] = tokens.length > 0 ? [...tokens] : [undefined];
  for (const token of secrets) {
    registerSecret(token);
    const fingerprint = token === undefined ? ANONYMOUS_FINGERPRINT : fingerprintOf(token);
    if (runtimes.has(fingerprint)) continue;
    const semaphore = new Semaphore(options.concurrencyPerCredential);
    semaphores.set(fingerprint, semaphore);
    const fetch = createBudgetedFetch({
      fetch: deps.fetch ?? globalThis.fetch,
      fingerprint,
      ledger,
      semaphore,
      graphqlUrl,
      policy: options,
      timeoutMs: options.requestTimeoutMs,
      signal: deps.signal,
      now,
      // Pacing waits are routine (debug); an exhausted budget or a block is news (info).
      onWait: (resource, decision) =>
        logger[decision.reason === 'paced' ? 'debug' : 'info'](
          {
            credential: fingerprint,
            resource,
            reason: decision.reason,
            until: new Date(decision.retryAtMs).toISOString(),
          },
          'github budget wait',
        ),
    });
    const octokit = createOctokit({
      token,
      fingerprint,
      baseUrl: apiUrl,
      fetch,
      logger,
      concurrency: options.concurrencyPerCredential,
      retries: options.pluginRetries,
      retryAfterBaseMs: options.pluginRetryAfterBaseMs,
    });
    runtimes.set(fingerprint, {
      info: Object.freeze({ fingerprint, authenticated: token !== undefined }),
      octokit,
    });
  }
  if (tokens.length === 0) {
    logger.warn(
      { credential: ANONYMOUS_FINGERPRINT },
      'NO GITHUB TOKEN: running unauthenticated, 60 requests per hour and no GraphQL; set GITHUB_TOKEN or VITALS_GITHUB_TOKENS',
    );
  }
  const credentials = Object.freeze([...runtimes.values()].map((r) => r.info));

  const runtimeOf = (fingerprint: string): CredentialRuntime => {
    const runtime = runtimes.get(fingerprint);
    if (runtime === undefined)
      throw new VitalsError('INTERNAL', `Unknown GitHub credential fingerprint ${fingerprint}`, {
        credential: fingerprint,
      });
    if (rejected.has(fingerprint))
      throw new GitHubError(
        { kind: 'auth', code: 'GH_AUTH_FAILED', rule: 'credential-disabled' },
        { status: 401, message: 'credential was rejected earlier: expired or revoked token' },
        { operation: 'request', fingerprint },
      );
    return runtime;
  };

  const loopContext = (operation: string, fingerprint: string, signal: AbortSignal | undefined) => ({
    operation,
    fingerprint,
    ledger,
    logger,
    maxAttempts: options.maxAttempts,
    backoff: options.backoff,
    maxRateLimitWaits: options.maxRateLimitWaits,
    resetMarginMs: options.resetMarginMs,
    signal: anySignal(deps.signal, signal),
    now,
    random,
    onAuthFailed: () => {
      if (rejected.has(fingerprint)) return;
      rejected.add(fingerprint);
      logger.error(
        { credential: fingerprint },
        'github rejected a credential (401 Bad credentials): the token expired or was revoked; replace it — the credential is no longer used',
      );
    },
  });

  return {
    credentials,
    logger,
    etagStore: deps.etagStore,

    pickCredential(repoKey, preferred) {
      const usable = credentials.map((c) => c.fingerprint).filter((f) => !rejected.has(f));
      const picked = pickCredentialFor(repoKey, usable, preferred);
      if (picked === undefined)
        throw new VitalsError(
          'GH_AUTH_FAILED',
          'Every configured GitHub credential was rejected (401); replace them',
          {
            credentials: credentials.map((c) => c.fingerprint),
          },
        );
      return picked;
    },

    isUsable: (fingerprint) => runtimes.has(fingerprint) && !rejected.has(fingerprint),

    async rest<T>(route: string, params: RestParams, callOptions: RestOptions): Promise<RestResult<T>> {
      const fingerprint = callOptions.credential;
      const { octokit } = runtimeOf(fingerprint);
      const store = callOptions.etagStore ?? deps.etagStore;
      const endpoint = octokit.request.endpoint(route, params);
      const requestUrl = endpoint.url;
      const signal = anySignal(deps.signal, callOptions.signal);
      return runWithPolicy(
        async () => {
          runtimeOf(fingerprint);
          const conditionalHeaders: Record<string, string> = {};
          if (callOptions.conditional && store) {
            const cached = await store.get(fingerprint, requestUrl);
            if (cached?.etag) conditionalHeaders['if-none-match'] = cached.etag;
            else if (cached?.lastModified) conditionalHeaders['if-modified-since'] = cached.lastModified;
          }
          const result = (etag: string | null, lastModified: string | null) => ({
            requestUrl,
            etag,
            lastModified,
            saveValidators: async () => {
              if (store && (etag || lastModified))
                await store.set(fingerprint, requestUrl, etag, lastModified);
            },
          });
          try {
            const response = await octokit.request(route, {
              ...params,
              headers: {
                ...(params['headers'] as Record<string, string> | undefined),
                ...conditionalHeaders,
              },
              request: { signal },
            });
            // 202: GitHub is still computing the answer — classified `retry`, the loop asks again later.
            if (response.status === 202)
              throw Object.assign(new Error('Accepted'), { status: 202, response });
            const headers = response.headers as Record<string, string | undefined>;
            return {
              status: response.status,
              data: response.status === 204 ? undefined : (response.data as T),
              notModified: false,
              url: response.url,
              link: headers['link'] ?? null,
              ...result(headers['etag'] ?? null, headers['last-modified'] ?? null),
            };
          } catch (err) {
            if ((err as { status?: unknown }).status !== 304) throw err;
            const response = (
              err as { response?: { url?: string; headers?: Record<string, string | undefined> } }
            ).response;
            return {
              status: 304,
              data: undefined,
              notModified: true,
              url: response?.url ?? requestUrl,
              link: response?.headers?.['link'] ?? null,
              ...result(
                response?.headers?.['etag'] ?? conditionalHeaders['if-none-match'] ?? null,
                response?.headers?.['last-modified'] ?? null,
              ),
            };
          }
        },
        loopContext(operationOf(route), fingerprint, signal),
      );
    },

    async graphql<T>(
      query: string,
      variables: Record<string, unknown>,
      callOptions: GraphqlOptions,
    ): Promise<GraphqlResult<T>> {
      const fingerprint = callOptions.credential;
      const runtime = runtimeOf(fingerprint);
      if (!runtime.info.authenticated)
        throw new VitalsError(
          'GH_AUTH_FAILED',
          'GitHub GraphQL needs a token (https://docs.github.com/en/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql); set GITHUB_TOKEN',
          { credential: fingerprint },
        );
      const signal = anySignal(deps.signal, callOptions.signal);
      const cost = Math.max(1, Math.ceil(callOptions.estimatedCost ?? 1));
      return runWithPolicy(
        async () => {
          runtimeOf(fingerprint);
          try {
            // Object form: octokit refuses `url` next to a query string, and reads every other
            // key of this object as a GraphQL variable.
            const data = await runtime.octokit.graphql<T>({
              ...variables,
              query,
              url: graphqlUrl,
              headers: { [ESTIMATED_COST_HEADER]: String(cost) },
              request: { signal },
            });
            return { data, rateLimit: rateLimitOf(data), errors: [] };
          } catch (err) {
            const partial = partialResult<T>(err);
            if (partial !== undefined) return partial;
            throw err;
          }
        },
        loopContext(`POST graphql ${operationName(query)}`, fingerprint, signal),
      );
    },

    budget: () => ledger.snapshot(),

    async close() {
      if (ownsLedger) await ledger.close();
    },
  };
}

/** GraphqlResponseError with data and only NOT_FOUND errors: the data is usable, nulls where missing. */
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

function operationOf(route: string): string {
  // Absolute URLs (Link pages) are shown without their query string.
  return route.replace(/^(\w+ )?(https?:\/\/[^/]+)?([^?]*)\?.*$/, '$1$3');
}

function operationName(query: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'query';
}

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
