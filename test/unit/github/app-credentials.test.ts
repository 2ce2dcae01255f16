import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../config/load-config.js';
import {
  InstallationTokenError,
  installationTokenFailure,
  isAppRoute,
} from '../../../src/github/app-installation.js';
import { classifyFailure } from '../../../src/github/classify-failure.js';
import {
  configuredCredentialFingerprints,
  fingerprintOf,
  installationFingerprint,
} from '../../../src/github/credential.js';
import { failureInputOf } from '../../../src/github/failure-input.js';
import { createGitHubClient } from '../../../src/github/index.js';
import { configuredFingerprints } from '../../../src/jobs/credential-routing.js';
import { crawlStageQueue } from '../../../src/jobs/queue-names.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { redactText } from '../../../src/shared/redact.js';
import { signAppJwt } from '../../support/github-app.js';

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();

const appEnv = (key: string) => ({
  GITHUB_API_URL: 'http://127.0.0.1:9',
  GITHUB_APP_ID: '77',
  GITHUB_APP_PRIVATE_KEY: key,
  GITHUB_APP_INSTALLATION_IDS: '5,6',
  GITHUB_TOKEN: 'tok-cccccccc',
});

describe('GitHub App installation fingerprints', () => {
  it('derive from the app and installation ids only: stable, distinct, never from a token', () => {
    const fp = installationFingerprint(77, 5);
    expect(fp).toMatch(/^[0-9a-f]{12}$/);
    expect(installationFingerprint(77, 5)).toBe(fp);
    expect(fp).toBe(fingerprintOf('app:77/installation:5'));
    expect(installationFingerprint(77, 6)).not.toBe(fp);
    expect(installationFingerprint(78, 5)).not.toBe(fp);
  });

  it('are the same on every machine, whatever key file or token order it was given', async () => {
    // Two machines with the same app (another PEM copy of the same app would do too): same fingerprints,
    // hence the same stage queues and the same budget ledger keys.
    const one = loadConfig({ env: appEnv(pem()) });
    const two = loadConfig({ env: appEnv(pem()) });
    const expected = [
      fingerprintOf('tok-cccccccc'),
      installationFingerprint(77, 5),
      installationFingerprint(77, 6),
    ];
    expect(configuredCredentialFingerprints(one.github)).toEqual(expected);
    expect(configuredFingerprints(two)).toEqual(expected);
    expect(configuredFingerprints(one).map(crawlStageQueue)).toEqual(
      configuredFingerprints(two).map(crawlStageQueue),
    );
    const client = createGitHubClient({ config: one, logger: silentLogger });
    expect(client.credentials.map((c) => c.fingerprint)).toEqual(expected);
    expect(client.credentials[1]).toEqual({
      fingerprint: expected[1],
      authenticated: true,
      app: { appId: 77, installationId: 5 },
    });
    await client.close();
  });
});

describe('app JWTs', () => {
  it('are masked wherever they appear in free text', () => {
    const jwt = signAppJwt(77, pem());
    expect(redactText(`sent ${jwt} to GitHub`)).toBe('sent [REDACTED] to GitHub');
  });
});

describe('app-level requests', () => {
  it('are the /app endpoints, on github.com and GitHub Enterprise layouts', () => {
    for (const base of ['https://api.github.com', 'https://ghe.example.com/api/v3']) {
      expect(isAppRoute(base, `${base}/app/installations/5/access_tokens`)).toBe(true);
      expect(isAppRoute(base, `${base}/app`)).toBe(true);
      expect(isAppRoute(base, `${base}/repos/app/app`)).toBe(false);
      expect(isAppRoute(base, `${base}/apps/some-app`)).toBe(false);
      expect(isAppRoute(base, `${base}/graphql`)).toBe(false);
    }
  });
});

describe('a refused installation token', () => {
  const app = { appId: 77, installationId: 5 };
  const answer = (status: number, headers: Record<string, string> = {}) =>
    Object.assign(new Error('HttpError'), {
      status,
      request: { url: 'https://api.github.com/app/installations/5/access_tokens' },
      response: { status, headers, data: { message: status === 404 ? 'Not Found' : 'Bad credentials' } },
    });

  it('is GH_AUTH_FAILED naming app and installation for 401, 403 and 404 — not a gone repository', () => {
    for (const status of [401, 403, 404]) {
      const failure = installationTokenFailure(answer(status), app);
      expect(failure).toBeInstanceOf(InstallationTokenError);
      expect(failure?.message).toContain('GitHub App 77 installation 5');
      expect(classifyFailure(failureInputOf(failure))).toMatchObject({
        kind: 'auth',
        code: 'GH_AUTH_FAILED',
        rule: 'installation-token-refused',
      });
    }
  });

  it('stays a rate limit or a server error when it is one', () => {
    expect(installationTokenFailure(answer(403, { 'x-ratelimit-remaining': '0' }), app)).toBeUndefined();
    expect(installationTokenFailure(answer(502), app)).toBeUndefined();
    const repoError = Object.assign(answer(404), { request: { url: 'https://api.github.com/repos/a/b' } });
    expect(installationTokenFailure(repoError, app)).toBeUndefined();
  });
});
