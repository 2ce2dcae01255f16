import type { ErrorCode } from '../shared/errors.js';
import { retryAfterSeconds } from './rate-limit-headers.js';

/**
 * THE one place that decides what a GitHub failure means (design §4 "Status codes"). The policy is
 * the table below, read top to bottom; the first row that matches decides. Every caller — REST pages,
 * GraphQL queries, repository lookups — goes through classifyFailure().
 *
 * kinds: retry (with backoff) · wait (for a rate limit) · empty · gone · blocked · auth (credential
 * rejected) · narrow (deep pagination refused: treat as the end, narrow by `since`) · fatal.
 */
export type FailureKind = 'retry' | 'wait' | 'empty' | 'gone' | 'blocked' | 'auth' | 'narrow' | 'fatal';

export interface FailureInput {
  /** HTTP status; undefined when no response arrived (reset, timeout, DNS …). */
  status?: number;
  /** GitHub's `message` (or the error's message when there was no response). */
  message?: string;
  headers?: Readonly<Record<string, string | undefined>>;
  /** Node/undici error code of a failed connection: ECONNRESET, UND_ERR_SOCKET, … */
  errorCode?: string;
  /** Error name: TimeoutError for our per-request timeout. */
  errorName?: string;
  /** GraphQL `errors[].type` values (RATE_LIMITED, NOT_FOUND, …). */
  graphqlErrorTypes?: readonly string[];
  /** A GitHub App installation could not get a token (the status is the access-token request's). */
  installationTokenRefused?: boolean;
}

export interface FailureClass {
  kind: FailureKind;
  code: ErrorCode;
  /** Which table row matched (stable id, for logs and tests). */
  rule: string;
  /** For `wait`: when the next request may go, and what told us. */
  wait?: { untilMs: number; basis: 'retry-after' | 'reset' | 'fallback'; remaining?: number };
}

interface PolicyRow {
  rule: string;
  kind: FailureKind;
  code: ErrorCode;
  when: (f: FailureInput) => boolean;
}

const has = (f: FailureInput, pattern: RegExp) => pattern.test(f.message ?? '');
const isLimitStatus = (f: FailureInput) => f.status === 403 || f.status === 429;
const header = (f: FailureInput, name: string) => f.headers?.[name];

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export const FAILURE_POLICY: readonly PolicyRow[] = [
  // A GitHub App installation got no token: the app JWT was rejected (401: wrong private key or app
  // id), the installation does not exist (404) or is suspended (403). Its 404 is not the
  // repository's. https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app
  {
    rule: 'installation-token-refused',
    kind: 'auth',
    code: 'GH_AUTH_FAILED',
    when: (f) => f.installationTokenRefused === true,
  },
  // 401 "Bad credentials": the token expired or was revoked. Retrying cannot help; the operator must
  // replace it. https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api#failed-login-limit
  { rule: 'bad-credentials', kind: 'auth', code: 'GH_AUTH_FAILED', when: (f) => f.status === 401 },
  // Secondary limit with `retry-after`: wait that many seconds; primary limit: `x-ratelimit-remaining: 0`
  // → wait for `x-ratelimit-reset`; otherwise on a secondary limit wait at least a minute.
  // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
  {
    rule: 'secondary-retry-after',
    kind: 'wait',
    code: 'GH_RATE_LIMITED',
    when: (f) => isLimitStatus(f) && header(f, 'retry-after') !== undefined,
  },
  {
    rule: 'primary-exhausted',
    kind: 'wait',
    code: 'GH_RATE_LIMITED',
    when: (f) => isLimitStatus(f) && header(f, 'x-ratelimit-remaining') === '0',
  },
  // GraphQL reports an exhausted budget (or a query costing more than what is left) as RATE_LIMITED.
  // https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#exceeding-the-rate-limit
  {
    rule: 'graphql-rate-limited',
    kind: 'wait',
    code: 'GH_RATE_LIMITED',
    when: (f) => f.graphqlErrorTypes?.includes('RATE_LIMITED') === true,
  },
  {
    rule: 'secondary-message',
    kind: 'wait',
    code: 'GH_RATE_LIMITED',
    when: (f) =>
      f.status === 429 || (f.status === 403 && has(f, /secondary rate limit|abuse|rate limit exceeded/i)),
  },
  // DMCA takedowns answer 451; repositories disabled for ToS answer 403 "Repository access blocked".
  // https://docs.github.com/en/site-policy/content-removal-policies/dmca-takedown-policy
  {
    rule: 'unavailable-legal',
    kind: 'blocked',
    code: 'GH_REPOSITORY_BLOCKED',
    when: (f) => f.status === 451,
  },
  {
    rule: 'access-blocked',
    kind: 'blocked',
    code: 'GH_REPOSITORY_BLOCKED',
    when: (f) => f.status === 403 && has(f, /access blocked|repository access blocked|disabled/i),
  },
  // Deleted or private repositories answer 404 (GitHub hides existence), some removed resources 410.
  // https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource
  {
    rule: 'not-found',
    kind: 'gone',
    code: 'GH_REPOSITORY_GONE',
    when: (f) => f.status === 404 || f.status === 410,
  },
  {
    rule: 'graphql-not-found',
    kind: 'gone',
    code: 'GH_REPOSITORY_GONE',
    when: (f) => f.graphqlErrorTypes?.includes('NOT_FOUND') === true,
  },
  // An empty repository answers 409 "Git Repository is empty." on commit and content endpoints;
  // 204 No Content where a body was expected means the same.
  // https://docs.github.com/en/rest/commits/commits#list-commits (status codes)
  {
    rule: 'empty-repository',
    kind: 'empty',
    code: 'GH_REPOSITORY_EMPTY',
    when: (f) => f.status === 409 || f.status === 204,
  },
  // Deep pagination refused ("In order to keep the API fast for everyone, pagination is limited for
  // this resource"): the caller treats it as the end and narrows by `since`.
  // https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
  { rule: 'pagination-limit', kind: 'narrow', code: 'GH_UNEXPECTED', when: (f) => f.status === 422 },
  // 202 Accepted: GitHub is still computing (statistics endpoints); ask again later.
  // https://docs.github.com/en/rest/metrics/statistics#a-word-about-caching
  { rule: 'accepted-computing', kind: 'retry', code: 'GH_TRANSIENT', when: (f) => f.status === 202 },
  // 5xx (GitHub's edge answers 502 with an HTML page), and GraphQL's "Something went wrong".
  {
    rule: 'server-error',
    kind: 'retry',
    code: 'GH_TRANSIENT',
    when: (f) =>
      (f.status !== undefined && f.status >= 500) || has(f, /something went wrong while executing/i),
  },
  // Connections reset or dropped, our per-request timeout.
  {
    rule: 'network',
    kind: 'retry',
    code: 'GH_TRANSIENT',
    when: (f) =>
      f.status === undefined &&
      (NETWORK_CODES.has(f.errorCode ?? '') ||
        f.errorName === 'TimeoutError' ||
        has(f, /socket hang up|other side closed|ECONNRESET|fetch failed|terminated|timeout/i)),
  },
  { rule: 'anything-else', kind: 'fatal', code: 'GH_UNEXPECTED', when: () => true },
];

const FALLBACK_SECONDARY_WAIT_MS = 60_000;

export function classifyFailure(failure: FailureInput, nowMs: number = Date.now()): FailureClass {
  const row = FAILURE_POLICY.find((candidate) => candidate.when(failure)) as PolicyRow;
  const result: FailureClass = { kind: row.kind, code: row.code, rule: row.rule };
  if (row.kind === 'wait') result.wait = waitOf(failure, nowMs);
  return result;
}

function waitOf(f: FailureInput, nowMs: number): NonNullable<FailureClass['wait']> {
  const retryAfter = retryAfterSeconds(header(f, 'retry-after'), nowMs);
  if (retryAfter !== undefined) return { untilMs: nowMs + retryAfter * 1000, basis: 'retry-after' };
  const reset = Number(header(f, 'x-ratelimit-reset'));
  const remainingText = header(f, 'x-ratelimit-remaining');
  const remaining = remainingText === undefined ? undefined : Number(remainingText);
  if (
    Number.isFinite(reset) &&
    reset > 0 &&
    (remaining === 0 || f.graphqlErrorTypes?.includes('RATE_LIMITED'))
  ) {
    return {
      untilMs: Math.max(nowMs, reset * 1000),
      basis: 'reset',
      ...(remaining === undefined ? {} : { remaining }),
    };
  }
  return { untilMs: nowMs + FALLBACK_SECONDARY_WAIT_MS, basis: 'fallback' };
}
