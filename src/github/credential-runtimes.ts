import type { GitHubAppConfig } from '../../config/load-config.js';
import type { Logger } from '../shared/logger.js';
import { registerSecret } from '../shared/redact.js';
import { routeAppRequests, type AppInstallationCredential } from './app-installation.js';
import type { BudgetLedger } from './budget-ledger.js';
import { createBudgetedFetch } from './budgeted-fetch.js';
import type { GitHubClientOptions } from './client-options.js';
import {
  ANONYMOUS_FINGERPRINT,
  fingerprintOf,
  installationFingerprint,
  type CredentialInfo,
} from './credential.js';
import { createOctokit, type GitHubOctokit } from './create-octokit.js';
import { Semaphore } from './semaphore.js';
import type { Transport } from './transport.js';

export interface CredentialRuntime {
  info: CredentialInfo;
  octokit: GitHubOctokit;
}

export interface CredentialRuntimeInput {
  /** Raw tokens: they go into octokit's auth and nowhere else. No tokens and no app = unauthenticated. */
  tokens: readonly string[];
  /** A GitHub App: one credential per installation. */
  app?: GitHubAppConfig | undefined;
  apiUrl: string;
  graphqlUrl: string;
  ledger: BudgetLedger;
  options: GitHubClientOptions;
  fetch: Transport;
  signal: AbortSignal | undefined;
  logger: Logger;
  now: () => number;
  onResponse?: ResponseObserver | undefined;
}

/** Sees the status of every HTTP attempt ('no-response': timeout, reset); must not throw. */
export type ResponseObserver = (event: {
  fingerprint: string;
  resource: string;
  status: number | 'no-response';
}) => void;

/** One configured credential before it gets its octokit. */
type CredentialSpec =
  | { fingerprint: string; token: string | undefined; appInstallation?: undefined }
  | { fingerprint: string; token: undefined; appInstallation: AppInstallationCredential };

/**
 * One octokit per credential, each behind its own budgeted fetch (semaphore, ledger, timeout), keyed
 * by fingerprint: personal tokens, then GitHub App installations. Duplicates collapse into one
 * credential. Nothing configured = one unauthenticated credential.
 */
export function createCredentialRuntimes(input: CredentialRuntimeInput): Map<string, CredentialRuntime> {
  const { options, logger } = input;
  const runtimes = new Map<string, CredentialRuntime>();
  for (const spec of credentialSpecs(input)) {
    const { fingerprint, token, appInstallation } = spec;
    if (runtimes.has(fingerprint)) continue;
    const budgeted = createBudgetedFetch({
      fetch: input.fetch,
      fingerprint,
      ledger: input.ledger,
      semaphore: new Semaphore(options.concurrencyPerCredential),
      graphqlUrl: input.graphqlUrl,
      policy: options,
      timeoutMs: options.requestTimeoutMs,
      signal: input.signal,
      now: input.now,
      onResponse: ({ resource, status }) => input.onResponse?.({ fingerprint, resource, status }),
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
    const fetch = appInstallation
      ? routeAppRequests(input.apiUrl, budgeted, timedFetch(input, options.requestTimeoutMs))
      : budgeted;
    const octokit = createOctokit({
      token,
      appInstallation,
      fingerprint,
      baseUrl: input.apiUrl,
      fetch,
      logger,
      concurrency: options.concurrencyPerCredential,
      throttling: options.pluginThrottling,
      retries: options.pluginRetries,
      retryAfterBaseMs: options.pluginRetryAfterBaseMs,
    });
    const info: CredentialInfo = { fingerprint, authenticated: token !== undefined || !!appInstallation };
    if (appInstallation)
      info.app = { appId: appInstallation.appId, installationId: appInstallation.installationId };
    runtimes.set(fingerprint, { info: Object.freeze(info), octokit });
  }
  return runtimes;
}

function credentialSpecs(input: CredentialRuntimeInput): CredentialSpec[] {
  const specs: CredentialSpec[] = input.tokens.map((token) => {
    registerSecret(token);
    return { fingerprint: fingerprintOf(token), token };
  });
  const app = input.app;
  if (app) {
    registerSecret(app.privateKey);
    for (const installationId of app.installationIds)
      specs.push({
        fingerprint: installationFingerprint(app.appId, installationId),
        token: undefined,
        appInstallation: { appId: app.appId, installationId, privateKey: app.privateKey },
      });
  }
  return specs.length > 0 ? specs : [{ fingerprint: ANONYMOUS_FINGERPRINT, token: undefined }];
}

/**
 * App-level requests (the JWT-authenticated access-token request) skip the installation's budget:
 * GitHub does not charge them to the installation. They keep the per-request timeout and shutdown.
 */
function timedFetch(input: CredentialRuntimeInput, timeoutMs: number): Transport {
  return (url, init = {}) => {
    const signals = [input.signal, init.signal ?? undefined, AbortSignal.timeout(timeoutMs)].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    return input.fetch(url, { ...init, signal: AbortSignal.any(signals) });
  };
}
