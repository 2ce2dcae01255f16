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
 * - `credentials` — fingerprints of the configured credentials: tokens and GitHub App installations
 *   (`anonymous` when none: 60/h).
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
 * - `close()` — stops using the client (closes the connections and the ledger it created itself).
 * Failures throw GitHubError (a VitalsError with `kind`: gone, blocked, empty, auth, narrow, fatal,
 * or retry/wait after the bounded attempts); aborting `signal` rejects with the abort reason.
 */
import type { Config } from '../../config/load-config.js';
import { VitalsError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { BudgetLedger } from './budget-ledger.js';
import { operationOf, type CallContext } from './call-context.js';
import { DEFAULT_CLIENT_OPTIONS, type GitHubClientOptions } from './client-options.js';
import { ANONYMOUS_FINGERPRINT, describeCredential } from './credential.js';
import {
  createCredentialRuntimes,
  type CredentialRuntime,
  type ResponseObserver,
} from './credential-runtimes.js';
import type { EtagStore } from './etag-store.js';
import type { GitHubClient } from './github-client.types.js';
import { GitHubError } from './github-error.js';
import { graphqlCall, operationName } from './graphql-call.js';
import { createHttpTransport } from './http-transport.js';
import { InMemoryBudgetLedger } from './in-memory-budget-ledger.js';
import { pickCredentialFor } from './pick-credential.js';
import { restCall } from './rest-call.js';
import type { Transport } from './transport.js';

export { DEFAULT_CLIENT_OPTIONS, type GitHubClientOptions } from './client-options.js';
export type {
  GitHubClient,
  GraphqlOptions,
  GraphqlRateLimit,
  GraphqlResult,
  RestOptions,
  RestParams,
  RestResult,
} from './github-client.types.js';

export interface CreateGitHubClientDeps {
  config: Pick<Config, 'github'>;
  logger: Logger;
  etagStore?: EtagStore | undefined;
  /** Shared budget (Redis in distributed mode); default: an in-memory ledger for this process. */
  ledger?: BudgetLedger | undefined;
  /** HTTP transport (default: undici over keep-alive connections, see http-transport.ts; any fetch works). */
  fetch?: Transport | undefined;
  /** Shutdown: aborts waits and requests in flight. */
  signal?: AbortSignal | undefined;
  options?: Partial<GitHubClientOptions> | undefined;
  /** Every HTTP answer (retries included), by credential fingerprint: for operator metrics. */
  onResponse?: ResponseObserver | undefined;
  now?: () => number;
  random?: () => number;
}

export function createGitHubClient(deps: CreateGitHubClientDeps): GitHubClient {
  const options: GitHubClientOptions = { ...DEFAULT_CLIENT_OPTIONS, ...deps.options };
  const { logger } = deps;
  const ownsLedger = deps.ledger === undefined;
  const ledger = deps.ledger ?? new InMemoryBudgetLedger(deps.now);
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const { apiUrl, graphqlUrl, tokens, app } = deps.config.github;
  const rejected = new Set<string>();
  const transport = deps.fetch ? { fetch: deps.fetch, close: async () => {} } : createHttpTransport();
  const runtimes = createCredentialRuntimes({
    tokens,
    app,
    apiUrl,
    graphqlUrl,
    ledger,
    options,
    fetch: transport.fetch,
    signal: deps.signal,
    logger,
    now,
    onResponse: deps.onResponse,
  });
  if (runtimes.has(ANONYMOUS_FINGERPRINT)) {
    logger.warn(
      { credential: ANONYMOUS_FINGERPRINT },
      'NO GITHUB TOKEN: running unauthenticated, 60 requests per hour and no GraphQL; set GITHUB_TOKEN, VITALS_GITHUB_TOKENS or the GITHUB_APP_* settings',
    );
  }
  const credentials = Object.freeze([...runtimes.values()].map((r) => r.info));

  const usableRuntime = (fingerprint: string): CredentialRuntime => {
    const runtime = runtimes.get(fingerprint);
    if (runtime === undefined)
      throw new VitalsError('INTERNAL', `Unknown GitHub credential fingerprint ${fingerprint}`, {
        credential: fingerprint,
      });
    if (rejected.has(fingerprint))
      throw new GitHubError(
        { kind: 'auth', code: 'GH_AUTH_FAILED', rule: 'credential-disabled' },
        {
          status: 401,
          message: runtime.info.app
            ? `${describeCredential(runtime.info)} was rejected earlier: it could not get an installation token`
            : 'credential was rejected earlier: expired or revoked token',
        },
        { operation: 'request', fingerprint },
      );
    return runtime;
  };

  const callContext = (
    operation: string,
    fingerprint: string,
    callSignal: AbortSignal | undefined,
  ): CallContext => {
    const signal = anySignal(deps.signal, callSignal);
    return {
      octokit: usableRuntime(fingerprint).octokit,
      fingerprint,
      assertUsable: () => void usableRuntime(fingerprint),
      signal,
      loop: {
        operation,
        fingerprint,
        ledger,
        logger,
        maxAttempts: options.maxAttempts,
        backoff: options.backoff,
        maxRateLimitWaits: options.maxRateLimitWaits,
        resetMarginMs: options.resetMarginMs,
        signal,
        now,
        random,
        onAuthFailed: () => {
          if (rejected.has(fingerprint)) return;
          rejected.add(fingerprint);
          const appInstallation = runtimes.get(fingerprint)?.info.app;
          if (appInstallation)
            logger.error(
              { credential: fingerprint, ...appInstallation },
              'github refused a GitHub App installation credential: check the app id, its private key and the installation id — the credential is no longer used',
            );
          else
            logger.error(
              { credential: fingerprint },
              'github rejected a credential (401 Bad credentials): the token expired or was revoked; replace it — the credential is no longer used',
            );
        },
      },
    };
  };

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
          `Every configured GitHub credential was rejected (${credentials.map(describeCredential).join(', ')}); replace them`,
          {
            credentials: credentials.map((c) => c.fingerprint),
          },
        );
      return picked;
    },

    isUsable: (fingerprint) => runtimes.has(fingerprint) && !rejected.has(fingerprint),

    async rest(route, params, callOptions) {
      const ctx = callContext(operationOf(route), callOptions.credential, callOptions.signal);
      return restCall(ctx, route, params, {
        conditional: callOptions.conditional ?? false,
        store: callOptions.etagStore ?? deps.etagStore,
      });
    },

    async graphql(query, variables, callOptions) {
      const fingerprint = callOptions.credential;
      if (!usableRuntime(fingerprint).info.authenticated)
        throw new VitalsError(
          'GH_AUTH_FAILED',
          'GitHub GraphQL needs a token (https://docs.github.com/en/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql); set GITHUB_TOKEN',
          { credential: fingerprint },
        );
      const ctx = callContext(`POST graphql ${operationName(query)}`, fingerprint, callOptions.signal);
      return graphqlCall(
        ctx,
        graphqlUrl,
        query,
        variables,
        Math.max(1, Math.ceil(callOptions.estimatedCost ?? 1)),
      );
    },

    budget: () => ledger.snapshot(),

    async close() {
      await transport.close();
      if (ownsLedger) await ledger.close();
    },
  };
}

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
