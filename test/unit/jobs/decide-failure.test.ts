import { describe, expect, it } from '@jest/globals';
import { GitHubError } from '../../../src/github/github-error.js';
import { VitalsError } from '../../../src/shared/errors.js';
import { decideFailure, DEFAULT_RATE_LIMIT_WAIT_MS } from '../../../workers/decide-failure.js';

const now = Date.parse('2026-11-29T04:00:00Z');
const github = (
  kind: 'gone' | 'blocked' | 'auth' | 'fatal' | 'retry',
  code: ConstructorParameters<typeof GitHubError>[0]['code'],
  status: number,
) =>
  new GitHubError(
    { kind, code, rule: 'test' },
    { status, message: 'x' },
    { operation: 'GET /repos/a/b', fingerprint: 'abc' },
  );

describe('decideFailure: the one place that maps failures to BullMQ behaviour', () => {
  it.each([
    ['404 gone', github('gone', 'GH_REPOSITORY_GONE', 404), { action: 'give-up', repositoryState: 'gone' }],
    [
      '451 blocked',
      github('blocked', 'GH_REPOSITORY_BLOCKED', 451),
      { action: 'give-up', repositoryState: 'blocked' },
    ],
    ['401 credential', github('auth', 'GH_AUTH_FAILED', 401), { action: 'give-up', code: 'GH_AUTH_FAILED' }],
    ['unknown answer', github('fatal', 'GH_UNEXPECTED', 418), { action: 'give-up', code: 'GH_UNEXPECTED' }],
    ['bad payload', new VitalsError('INPUT_INVALID', 'Malformed job payload'), { action: 'give-up' }],
    ['5xx', github('retry', 'GH_TRANSIENT', 502), { action: 'retry', code: 'GH_TRANSIENT' }],
    [
      'database down',
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
      { action: 'retry', code: 'INTERNAL' },
    ],
  ])('%s', (_name, err, expected) => {
    expect(decideFailure(err, { shuttingDown: false, nowMs: now })).toMatchObject(expected);
  });

  it('an exhausted budget pauses the queue until the reset, without spending an attempt', () => {
    const err = new VitalsError('GH_RATE_LIMITED', 'exhausted', { retryAt: '2026-11-29T04:20:00.000Z' });
    expect(decideFailure(err, { shuttingDown: false, nowMs: now })).toEqual({
      action: 'rate-limit',
      waitMs: 20 * 60_000,
    });
    const vague = new VitalsError('GH_RATE_LIMITED', 'secondary limit');
    expect(decideFailure(vague, { shuttingDown: false, nowMs: now })).toEqual({
      action: 'rate-limit',
      waitMs: DEFAULT_RATE_LIMIT_WAIT_MS,
    });
  });

  it('anything thrown while shutting down gives the job back', () => {
    expect(decideFailure(new Error('aborted'), { shuttingDown: true, nowMs: now })).toEqual({
      action: 'give-back',
    });
  });

  it('messages are redacted and bounded', () => {
    const token = `ghp_${'a'.repeat(36)}`;
    const decision = decideFailure(new Error(`boom ${token} ${'x'.repeat(5_000)}`), {
      shuttingDown: false,
      nowMs: now,
    });
    expect(decision.action).toBe('retry');
    const message = (decision as { message: string }).message;
    expect(message).not.toContain(token);
    expect(message.length).toBeLessThanOrEqual(1_000);
  });
});
