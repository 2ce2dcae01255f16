import type { Logger } from '../shared/logger.js';
import { registerSecret } from '../shared/redact.js';
import type { BudgetLedger } from './budget-ledger.js';
import { createBudgetedFetch } from './budgeted-fetch.js';
import type { GitHubClientOptions } from './client-options.js';
import { ANONYMOUS_FINGERPRINT, fingerprintOf, type CredentialInfo } from './credential.js';
import { createOctokit, type GitHubOctokit } from './create-octokit.js';
import { Semaphore } from './semaphore.js';

export interface CredentialRuntime {
  info: CredentialInfo;
  octokit: GitHubOctokit;
}

export interface CredentialRuntimeInput {
  /** Raw tokens: they go into octokit's auth and nowhere else. Empty = unauthenticated. */
  tokens: readonly string[];
  apiUrl: string;
  graphqlUrl: string;
  ledger: BudgetLedger;
  options: GitHubClientOptions;
  fetch: typeof globalThis.fetch;
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

/**
 * One octokit per credential, each behind its own budgeted fetch (semaphore, ledger, timeout), keyed
 * by fingerprint. Duplicate tokens collapse into one credential.
 */
export function createCredentialRuntimes(input: CredentialRuntimeInput): Map<string, CredentialRuntime> {
  const { options, logger } = input;
  const runtimes = new Map<string, CredentialRuntime>();
  const secrets: (string | undefined)[] = input.tokens.length > 0 ? [...input.tokens] : [undefined];
  for (const token of secrets) {
    registerSecret(token);
    const fingerprint = token === undefined ? ANONYMOUS_FINGERPRINT : fingerprintOf(token);
    if (runtimes.has(fingerprint)) continue;
    const fetch = createBudgetedFetch({
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
    const octokit = createOctokit({
      token,
      fingerprint,
      baseUrl: input.apiUrl,
      fetch,
      logger,
      concurrency: options.concurrencyPerCredential,
      throttling: options.pluginThrottling,
      retries: options.pluginRetries,
      retryAfterBaseMs: options.pluginRetryAfterBaseMs,
    });
    runtimes.set(fingerprint, {
      info: Object.freeze({ fingerprint, authenticated: token !== undefined }),
      octokit,
    });
  }
  return runtimes;
}
