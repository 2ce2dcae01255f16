import { describe, expect, it } from '@jest/globals';
import { credentialOf } from '../../../../src/sim/limits/credential.js';
import { PrimaryLimiter } from '../../../../src/sim/limits/primary.js';
import { SecondaryLimiter } from '../../../../src/sim/limits/secondary.js';

describe('credentialOf', () => {
  it('accepts "token X" and "Bearer X", fingerprints the token and never keeps it in the key', () => {
    const a = credentialOf('token abc123', '10.0.0.1');
    const b = credentialOf('Bearer abc123', '10.0.0.1');
    expect(a.key).toBe(b.key);
    expect(a.key).not.toContain('abc123');
    expect(a.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(credentialOf(undefined, '10.0.0.1')).toMatchObject({ authenticated: false, key: 'ip:10.0.0.1' });
    expect(credentialOf('Basic dXNlcjpwYXNz', '10.0.0.2').authenticated).toBe(false);
  });
});

describe('PrimaryLimiter', () => {
  it('counts per key and resource in a window that resets', () => {
    const limiter = new PrimaryLimiter(() => 10);
    limiter.charge('k', 'core', 3, 2, 0);
    expect(limiter.peek('k', 'core', 3, 1000)).toMatchObject({ used: 2, remaining: 1, reset: 10 });
    expect(limiter.peek('k', 'graphql', 3, 1000)).toMatchObject({ used: 0 });
    expect(limiter.peek('other', 'core', 3, 1000)).toMatchObject({ used: 0 });
    expect(limiter.peek('k', 'core', 3, 10_000)).toMatchObject({ used: 0, remaining: 3, reset: 20 });
  });
});

describe('SecondaryLimiter', () => {
  const limits = {
    maxConcurrent: 2,
    restPointsPerMinute: 3,
    graphqlPointsPerMinute: 10,
    retryAfterSeconds: 5,
  };

  it('blocks over points per minute for retryAfterSeconds; only late requests inside the block are violations', () => {
    const limiter = new SecondaryLimiter(() => limits);
    for (let i = 0; i < 3; i++) {
      const admission = limiter.admit('k', 'rest', 1, i);
      expect(admission.admitted).toBe(true);
      if (admission.admitted) admission.release();
    }
    expect(limiter.admit('k', 'rest', 1, 10)).toMatchObject({
      admitted: false,
      reason: 'points',
      retryAfterSeconds: 5,
    });
    expect(limiter.admit('k', 'rest', 1, 100)).toMatchObject({
      admitted: false,
      reason: 'blocked',
      violation: false,
    });
    expect(limiter.admit('k', 'rest', 1, 1000)).toMatchObject({
      admitted: false,
      reason: 'blocked',
      violation: true,
    });
    expect(limiter.admit('k', 'graphql', 1, 4000)).toMatchObject({ admitted: false });
    expect(limiter.admit('k', 'rest', 1, 61_000).admitted).toBe(true);
  });

  it('limits concurrent requests until released', () => {
    const limiter = new SecondaryLimiter(() => ({ ...limits, restPointsPerMinute: 100 }));
    const first = limiter.admit('k', 'rest', 1, 0);
    const second = limiter.admit('k', 'rest', 1, 0);
    expect(limiter.admit('k', 'rest', 1, 0)).toMatchObject({ admitted: false, reason: 'concurrency' });
    if (first.admitted) first.release();
    if (second.admitted) second.release();
    expect(limiter.admit('other', 'rest', 1, 0).admitted).toBe(true);
  });
});
