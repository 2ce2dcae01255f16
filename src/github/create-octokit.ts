import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import type { Logger } from '../shared/logger.js';
import { redactText } from '../shared/redact.js';
import {
  appInstallationAuth,
  handleInstallationTokens,
  type AppInstallationCredential,
} from './app-installation.js';
import { arrayBufferOf, parseJsonBytes, utf8Text } from './body-bytes.js';
import type { Transport } from './transport.js';

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
  /** A personal token; undefined (and no `appInstallation`) = unauthenticated. */
  token: string | undefined;
  /** Authenticate as a GitHub App installation instead (tokens minted and refreshed by auth-app). */
  appInstallation?: AppInstallationCredential | undefined;
  fingerprint: string;
  baseUrl: string;
  fetch: Transport;
  logger: Logger;
  concurrency: number;
  /** plugin-throttling on (it queues requests, see client-options `pluginThrottling`). */
  throttling: boolean;
  /** plugin-retry: quick retries of 5xx/connection failures inside one attempt of our request loop (0: plugin off). */
  retries: number;
  /** plugin-retry waits retryCount² × this many ms. */
  retryAfterBaseMs: number;
}

export function createOctokit(options: CreateOctokitOptions): GitHubOctokit {
  const log = options.logger;
  // Octokit logs every request; redacting is done only for lines that will be written.
  const say = (level: 'trace' | 'debug' | 'warn', message: string) => {
    if (log.isLevelEnabled(level))
      log[level]({ credential: options.fingerprint }, redactText(String(message)));
  };
  const auth = options.appInstallation
    ? appInstallationAuth(options.appInstallation)
    : options.token === undefined
      ? {}
      : { auth: options.token };
  const octokit = new GitHubOctokit({
    ...auth,
    baseUrl: options.baseUrl,
    userAgent: USER_AGENT,
    request: { fetch: options.fetch },
    // Octokit's request log passes the request options (with the Authorization header) as a second
    // argument: only the message string is kept, and it is redacted.
    log: {
      debug: () => {},
      info: (message: string) => say('trace', message),
      warn: (message: string) => say('warn', message),
      error: (message: string) => say('debug', message),
    },
    throttle: {
      enabled: options.throttling,
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
      // With 0 retries the plugin only costs (a Bottleneck queue per request): our loop retries.
      enabled: options.retries > 0,
      doNotRetry: DO_NOT_RETRY,
      retries: options.retries,
      retryAfterBaseValue: options.retryAfterBaseMs,
    },
  });
  octokit.hook.before('request', (request) => {
    request.headers['x-github-api-version'] = GITHUB_API_VERSION;
  });
  parseBodiesNatively(octokit);
  if (options.appInstallation) handleInstallationTokens(octokit, options.baseUrl, options.appInstallation);
  return octokit;
}

/**
 * Octokit parses JSON bodies with json-with-bigint: on Node 20 a regex pass over the text plus a
 * reviver call per value — measured as the largest CPU cost of a crawl (~5 ms per 100-item page).
 * GitHub's ids and counts fit in 2^53, so success bodies are parsed with the native JSON.parse.
 * The HTTP transport hands over the body as one Buffer (decoded once, no stream); a fetch injected
 * by a test hands over a ReadableStream. (Error bodies are still parsed by octokit; few and small.)
 */
function parseBodiesNatively(octokit: GitHubOctokit): void {
  octokit.hook.wrap('request', async (request, options) => {
    if (options.request.parseSuccessResponseBody === false) return request(options);
    // The inner hooks are bound to this very options object (before-after-hook): replace, do not copy.
    options.request = { ...options.request, parseSuccessResponseBody: false };
    const response = await request(options);
    const body: unknown = response.data;
    if (body === null || body === undefined || body === '') return response;
    const contentType = String(response.headers['content-type'] ?? '');
    // Buffer.isBuffer, not instanceof Uint8Array: also true across realms (jest's vm contexts).
    const bytes = Buffer.isBuffer(body)
      ? body
      : new Uint8Array(await new Response(body as ReadableStream<Uint8Array>).arrayBuffer());
    if (/^application\/(scim\+)?json\b/i.test(contentType)) response.data = parsedOrText(bytes);
    else if (contentType === '' || /^text\/|charset=utf-8/i.test(contentType))
      response.data = utf8Text(bytes);
    else response.data = arrayBufferOf(bytes);
    return response;
  });
}

function parsedOrText(bytes: Uint8Array): unknown {
  try {
    return parseJsonBytes(bytes);
  } catch {
    return utf8Text(bytes); // what octokit does with a body that is not JSON after all
  }
}
