import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../config/load-config.js';
import { VitalsError } from '../../../src/shared/errors.js';
import { redactText } from '../../../src/shared/redact.js';

/** Keys are generated here, at run time: no key material in the repository. */
let pkcs1: string;
let dir: string;

beforeAll(() => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  dir = mkdtempSync(join(tmpdir(), 'vitals-app-key-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = () => ({ GITHUB_APP_ID: '1234', GITHUB_APP_INSTALLATION_IDS: '11, 22,11' });

function configError(env: Record<string, string>): VitalsError {
  try {
    loadConfig({ env });
  } catch (err) {
    if (err instanceof VitalsError) return err;
    throw err;
  }
  throw new Error('expected a configuration error');
}

describe('GitHub App configuration', () => {
  it('reads the app id, the PEM and the installation ids (deduplicated), as PKCS#8', () => {
    const config = loadConfig({ env: { ...base(), GITHUB_APP_PRIVATE_KEY: pkcs1 } });
    expect(config.github.app?.appId).toBe(1234);
    expect(config.github.app?.installationIds).toEqual([11, 22]);
    expect(config.github.app?.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(config.github.tokens).toEqual([]);
    expect(Object.isFrozen(config.github.app)).toBe(true);
  });

  it('accepts the key as one line with \\n escapes, and from GITHUB_APP_PRIVATE_KEY_FILE', () => {
    const oneLine = pkcs1.trim().replace(/\n/g, '\\n');
    expect(oneLine).not.toContain('\n');
    const fromLine = loadConfig({ env: { ...base(), GITHUB_APP_PRIVATE_KEY: oneLine } });
    const file = join(dir, 'app.pem');
    writeFileSync(file, pkcs1);
    const fromFile = loadConfig({ env: { ...base(), GITHUB_APP_PRIVATE_KEY_FILE: file } });
    expect(fromLine.github.app?.privateKey).toBe(fromFile.github.app?.privateKey);
  });

  it('mixes tokens and app installations', () => {
    const config = loadConfig({
      env: { ...base(), GITHUB_APP_PRIVATE_KEY: pkcs1, GITHUB_TOKEN: 'tok-aaaaaaaa' },
    });
    expect(config.github.tokens).toEqual(['tok-aaaaaaaa']);
    expect(config.github.app?.installationIds).toEqual([11, 22]);
  });

  it('leaves the app out when no GITHUB_APP_* key is set', () => {
    expect(loadConfig({ env: { GITHUB_TOKEN: 'tok-aaaaaaaa' } }).github.app).toBeUndefined();
  });

  it('names the bad key — never the key itself — for a malformed PEM', () => {
    const broken = pkcs1.replace(/[A-Za-z]{6}/, 'xxxxxx').slice(0, 600);
    for (const [key, env] of [
      ['GITHUB_APP_PRIVATE_KEY', { ...base(), GITHUB_APP_PRIVATE_KEY: broken }],
      ['GITHUB_APP_PRIVATE_KEY', { ...base(), GITHUB_APP_PRIVATE_KEY: 'not a pem at all' }],
      ['GITHUB_APP_PRIVATE_KEY_FILE', { ...base(), GITHUB_APP_PRIVATE_KEY_FILE: join(dir, 'missing.pem') }],
    ] as const) {
      const err = configError(env);
      expect(err.code).toBe('CONFIG_INVALID');
      expect(err.details['key']).toBe(key);
      expect(err.message).toContain(key);
      expect(err.message).not.toContain(broken.split('\n')[1]);
    }
    // Whatever was given as a key is registered as a secret: masked if it ever reached a log.
    expect(redactText(`key: ${broken.split('\n')[2]}`)).toBe('key: [REDACTED]');
  });

  it('names the key of a non-numeric or missing id', () => {
    const withKey = { GITHUB_APP_PRIVATE_KEY: pkcs1 };
    expect(configError({ ...base(), ...withKey, GITHUB_APP_ID: 'my-app' }).details['key']).toBe(
      'GITHUB_APP_ID',
    );
    expect(configError({ ...base(), ...withKey, GITHUB_APP_INSTALLATION_IDS: '11,abc' }).details['key']).toBe(
      'GITHUB_APP_INSTALLATION_IDS',
    );
    expect(configError({ ...base(), ...withKey, GITHUB_APP_INSTALLATION_IDS: ' , ' }).details['key']).toBe(
      'GITHUB_APP_INSTALLATION_IDS',
    );
    expect(configError({ GITHUB_APP_INSTALLATION_IDS: '11', ...withKey }).details['key']).toBe(
      'GITHUB_APP_ID',
    );
    expect(configError(base()).details['key']).toBe('GITHUB_APP_PRIVATE_KEY');
    expect(configError({ ...base(), ...withKey, GITHUB_APP_PRIVATE_KEY_FILE: 'x.pem' }).details['key']).toBe(
      'GITHUB_APP_PRIVATE_KEY_FILE',
    );
  });
});
