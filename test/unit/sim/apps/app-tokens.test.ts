import { describe, expect, it } from '@jest/globals';
import { InstallationTokens, verifyAppJwt } from '../../../../src/sim/apps/app-tokens.js';
import { credentialOf } from '../../../../src/sim/limits/credential.js';
import { generateAppKeys, signAppJwt } from '../../../support/github-app.js';

const keys = generateAppKeys();
const other = generateAppKeys();
const apps = [{ id: 9, publicKeyPem: keys.publicKeyPem, installations: [100] }];
const NOW = Date.parse('2026-06-01T12:00:00Z');
const s = Math.floor(NOW / 1000);

describe('verifyAppJwt', () => {
  it('accepts an RS256 JWT of a known app signed with its key (iss as number or string)', () => {
    expect(
      verifyAppJwt(signAppJwt(9, keys.privateKeyPem, { iat: s - 30, exp: s + 540 }), apps, NOW),
    ).toMatchObject({
      ok: true,
      app: { id: 9 },
    });
    expect(verifyAppJwt(signAppJwt('9', keys.privateKeyPem, { iat: s, exp: s + 600 }), apps, NOW).ok).toBe(
      true,
    );
  });

  it.each([
    [
      'signed with another key',
      () => signAppJwt(9, other.privateKeyPem, { iat: s, exp: s + 60 }),
      /could not be decoded/,
    ],
    ['of an unknown app', () => signAppJwt(10, keys.privateKeyPem, { iat: s, exp: s + 60 }), /not found/],
    ['expired', () => signAppJwt(9, keys.privateKeyPem, { iat: s - 700, exp: s - 100 }), /'exp'/],
    [
      'valid for more than 10 minutes',
      () => signAppJwt(9, keys.privateKeyPem, { iat: s, exp: s + 601 }),
      /too far/,
    ],
    [
      'issued in the future',
      () => signAppJwt(9, keys.privateKeyPem, { iat: s + 300, exp: s + 600 }),
      /'iat'/,
    ],
    ['not a JWT', () => 'abc.def', /could not be decoded/],
  ])('refuses a JWT %s', (_name, jwt, message) => {
    const check = verifyAppJwt(jwt(), apps, NOW);
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.message).toMatch(message);
  });
});

describe('installation tokens', () => {
  it('are credentials of their installation (rate limits and ETags), valid until they expire', () => {
    const tokens = new InstallationTokens();
    const first = tokens.issue(9, 100, 60, NOW);
    const second = tokens.issue(9, 100, 60, NOW + 30_000);
    expect(first.token).not.toBe(second.token);
    const a = credentialOf(`token ${first.token}`, '127.0.0.1');
    const b = credentialOf(`token ${second.token}`, '127.0.0.1');
    expect(a.key).toBe('installation:100');
    expect(b.key).toBe(a.key);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.installation).toEqual({ appId: 9, installationId: 100 });
    expect(tokens.isValid(first.token, NOW + 59_000)).toBe(true);
    expect(tokens.isValid(first.token, NOW + 60_000)).toBe(false);
    expect(tokens.isValid(second.token, NOW + 60_000)).toBe(true);
    expect(tokens.isValid(`${first.token}0`, NOW)).toBe(false);
  });
});
