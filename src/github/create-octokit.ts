import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import type { Logger } from '../shared/logger.js';
import { redactText } from '../shared/redact.js';

/** Pinned so a GitHub API change never reaches us unannounced (https://docs.github.com/en/rest/about-the-rest-api/api-versions). */
export const GITHUB_API_VERSION = '2022-11-28';
export const USER_AGENT = 'oss-vitals';

/**
 * Statuses the retry plugin must not retry blindly. 403/429 are rate limits: the budget ledger
 * knows when they end and our request loop waits for that (plugin-retry would retry after 1, 4, 9 s
 * and overdraw). 409 (empty repository), 451 (blocked), 404/410 (gone), 422 (pagination limit) are
 * answers, not accidents. https://github.com/octokit/plugin-retry.js#options
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

const GitHubOctokit = Octokit.plugin(throttling, retry);
export type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

export interface CreateOctokitOptions {
  token: string | undefined;
  fingerprint: string;
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  logger: Logger;
  concurrency: number;
  /** plugin-retry: quick retries of 5xx/connection failures inside one attempt of our request loop. */
  retries: number;
  /** plugin-retry waits retryCount² × this many ms. */
  retryAfterBaseMs: number;
}

export function createOctokit(options: CreateOctokitOptions): GitHubOctokit {
  const log = options.logger;
  const octokit = new GitHubOctokit({
    ...(options.token === undefined ? {} : { auth: options.token }),
    baseUrl: options.baseUrl,
    userAgent: USER_AGENT,
    request: { fetch: options.fetch },
    // Octokit's request log passes the request options (with the Authorization header) as a second
    // argument: only the message string is kept, and it is redacted.
    log: {
      debug: () => {},
      info: (message: string) => log.trace({ credential: options.fingerprint }, redactText(String(message))),
      warn: (message: string) => log.warn({ credential: options.fingerprint }, redactText(String(message))),
      error: (message: string) => log.debug({ credential: options.fingerprint }, redactText(String(message))),
    },
    throttle: {
      // Each credential its own throttle id: limits of one token never slow another.
      id: `oss-vitals-${options.fingerprint}`,
      // The plugin queues every GraphQL call in its "write" group, 1 s apart — GitHub's advice for
      // mutations. OSS Vitals only reads; GraphQL queries are paced by the budget ledger instead.
      write: new Bottleneck.Group({ maxConcurrent: options.concurrency, minTime: 0 }),
      // Returning false: no blind retry here. The ledger has already read `x-ratelimit-reset` /
      // `retry-after` from this response; our request loop waits for it (abortably) and retries.
      onRateLimit: (retryAfter: number, request: { method: string; url: string }) => {
        log.warn(
          {
            credential: options.fingerprint,
            retryAfterSeconds: retryAfter,
            route: `${request.method} ${request.url}`,
          },
          'github primary rate limit hit',
        );
        return false;
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }) => {
        log.warn(
          {
            credential: options.fingerprint,
            retryAfterSeconds: retryAfter,
            route: `${request.method} ${request.url}`,
          },
          'github secondary rate limit hit',
        );
        return false;
      },
    },
    retry: {
      doNotRetry: DO_NOT_RETRY,
      retries: options.retries,
      retryAfterBaseValue: options.retryAfterBaseMs,
    },
  });
  octokit.hook.before('request', (request) => {
    request.headers['x-github-api-version'] = GITHUB_API_VERSION;
  });
  return octokit;
}
