import { describe, expect, it } from '@jest/globals';
import { classifyFailure, FAILURE_POLICY, type FailureInput } from '../../../src/github/classify-failure.js';
import { failureInputOf } from '../../../src/github/failure-input.js';

const NOW = 1_700_000_000_000;

describe('classifyFailure', () => {
  const cases: [string, FailureInput, string, string][] = [
    ['401 bad credentials', { status: 401, message: 'Bad credentials' }, 'auth', 'GH_AUTH_FAILED'],
    ['403 with retry-after', { status: 403, headers: { 'retry-after': '30' } }, 'wait', 'GH_RATE_LIMITED'],
    [
      '403 primary exhausted',
      { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000100' } },
      'wait',
      'GH_RATE_LIMITED',
    ],
    ['429 with retry-after', { status: 429, headers: { 'retry-after': '5' } }, 'wait', 'GH_RATE_LIMITED'],
    ['429 bare', { status: 429 }, 'wait', 'GH_RATE_LIMITED'],
    [
      '403 secondary message',
      { status: 403, message: 'You have exceeded a secondary rate limit.' },
      'wait',
      'GH_RATE_LIMITED',
    ],
    ['GraphQL RATE_LIMITED', { graphqlErrorTypes: ['RATE_LIMITED'] }, 'wait', 'GH_RATE_LIMITED'],
    ['451 DMCA', { status: 451, message: 'Repository access blocked' }, 'blocked', 'GH_REPOSITORY_BLOCKED'],
    [
      '403 access blocked',
      { status: 403, message: 'Repository access blocked' },
      'blocked',
      'GH_REPOSITORY_BLOCKED',
    ],
    ['404', { status: 404, message: 'Not Found' }, 'gone', 'GH_REPOSITORY_GONE'],
    ['410', { status: 410 }, 'gone', 'GH_REPOSITORY_GONE'],
    ['GraphQL NOT_FOUND', { graphqlErrorTypes: ['NOT_FOUND'] }, 'gone', 'GH_REPOSITORY_GONE'],
    ['409 empty', { status: 409, message: 'Git Repository is empty.' }, 'empty', 'GH_REPOSITORY_EMPTY'],
    ['204', { status: 204 }, 'empty', 'GH_REPOSITORY_EMPTY'],
    [
      '422 deep page',
      {
        status: 422,
        message: 'In order to keep the API fast for everyone, pagination is limited for this resource.',
      },
      'narrow',
      'GH_UNEXPECTED',
    ],
    ['202 computing', { status: 202 }, 'retry', 'GH_TRANSIENT'],
    ['500', { status: 500 }, 'retry', 'GH_TRANSIENT'],
    ['502 html', { status: 502, message: '<html>Unicorn!</html>' }, 'retry', 'GH_TRANSIENT'],
    ['503', { status: 503 }, 'retry', 'GH_TRANSIENT'],
    ['504', { status: 504 }, 'retry', 'GH_TRANSIENT'],
    [
      'GraphQL something went wrong',
      { message: 'Something went wrong while executing your query.' },
      'retry',
      'GH_TRANSIENT',
    ],
    ['ECONNRESET', { errorCode: 'ECONNRESET', message: 'read ECONNRESET' }, 'retry', 'GH_TRANSIENT'],
    ['socket hang up', { message: 'socket hang up' }, 'retry', 'GH_TRANSIENT'],
    [
      'undici other side closed',
      { errorCode: 'UND_ERR_SOCKET', message: 'other side closed' },
      'retry',
      'GH_TRANSIENT',
    ],
    [
      'our timeout',
      { errorName: 'TimeoutError', message: 'The operation was aborted due to timeout' },
      'retry',
      'GH_TRANSIENT',
    ],
    [
      '403 forbidden otherwise',
      { status: 403, message: 'Resource not accessible by integration' },
      'fatal',
      'GH_UNEXPECTED',
    ],
    ['400', { status: 400, message: 'Problems parsing JSON' }, 'fatal', 'GH_UNEXPECTED'],
    ['unknown error', { message: 'something odd' }, 'fatal', 'GH_UNEXPECTED'],
  ];

  it.each(cases)('%s → %s', (_name, input, kind, code) => {
    const result = classifyFailure(input, NOW);
    expect(result.kind).toBe(kind);
    expect(result.code).toBe(code);
  });

  it('waits for retry-after when GitHub sends it, else for the reset, else at least a minute', () => {
    expect(classifyFailure({ status: 403, headers: { 'retry-after': '30' } }, NOW).wait).toEqual({
      untilMs: NOW + 30_000,
      basis: 'retry-after',
    });
    expect(
      classifyFailure(
        { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000100' } },
        NOW,
      ).wait,
    ).toEqual({ untilMs: 1_700_000_100_000, basis: 'reset', remaining: 0 });
    expect(classifyFailure({ status: 403, message: 'secondary rate limit' }, NOW).wait).toEqual({
      untilMs: NOW + 60_000,
      basis: 'fallback',
    });
  });

  it('has one row per rule id, ending in a catch-all', () => {
    const rules = FAILURE_POLICY.map((row) => row.rule);
    expect(new Set(rules).size).toBe(rules.length);
    expect(FAILURE_POLICY[FAILURE_POLICY.length - 1]?.kind).toBe('fatal');
  });
});

describe('failureInputOf', () => {
  it('reads status, GitHub message and headers of an octokit RequestError', () => {
    const err = Object.assign(new Error('Not Found - https://docs.github.com'), {
      status: 404,
      response: { status: 404, headers: { 'X-RateLimit-Remaining': '10' }, data: { message: 'Not Found' } },
    });
    expect(failureInputOf(err)).toMatchObject({
      status: 404,
      message: 'Not Found',
      headers: { 'x-ratelimit-remaining': '10' },
    });
  });

  it('treats a status-500 error without a response as a failed connection and finds the undici code', () => {
    const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const err = Object.assign(new Error('other side closed'), { status: 500, request: {}, cause });
    const input = failureInputOf(err);
    expect(input.status).toBeUndefined();
    expect(input.errorCode).toBe('UND_ERR_SOCKET');
    expect(classifyFailure(input).kind).toBe('retry');
  });

  it('reads GraphQL error types', () => {
    const err = Object.assign(new Error('Request failed due to following response errors'), {
      name: 'GraphqlResponseError',
      errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }],
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000100' },
    });
    expect(classifyFailure(failureInputOf(err), NOW).kind).toBe('wait');
  });
});
