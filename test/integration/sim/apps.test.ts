import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { generateAppKeys, signAppJwt, type AppKeys } from '../../support/github-app.js';
import { simGet } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

jest.setTimeout(30_000);

const APP_ID = 31;
const INSTALLATION = 4_001;
let sim: RunningSimulator;
let keys: AppKeys;
let otherKeys: AppKeys;

beforeAll(async () => {
  keys = generateAppKeys();
  otherKeys = generateAppKeys();
  sim = await startSimulator({
    world: tinyWorld(),
    config: { apps: [{ id: APP_ID, publicKeyPem: keys.publicKeyPem, installations: [INSTALLATION, 4_002] }] },
  });
});
afterAll(async () => sim?.close());

async function accessToken(
  jwt: string,
  installation = INSTALLATION,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}/app/installations/${installation}/access_tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jwt}`, accept: 'application/vnd.github+json' },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const tokenOf = async (installation = INSTALLATION) => {
  const answer = await accessToken(signAppJwt(APP_ID, keys.privateKeyPem), installation);
  expect(answer.status).toBe(201);
  return answer.body['token'] as string;
};

describe('GitHub App endpoints', () => {
  it('issues an installation token for a JWT signed with the app key (201, expires_at, permissions)', async () => {
    const before = sim.stats().installationTokensIssued;
    const answer = await accessToken(signAppJwt(APP_ID, keys.privateKeyPem));
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ repository_selection: 'all', permissions: { metadata: 'read' } });
    const expiresMs = Date.parse(answer.body['expires_at'] as string);
    expect(expiresMs - Date.now()).toBeGreaterThan(3_500_000);
    expect(expiresMs - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(sim.stats().installationTokensIssued).toBe(before + 1);
    const repo = await simGet(sim.url, '/repos/acme/widgets', { token: answer.body['token'] as string });
    expect(repo.status).toBe(200);
  });

  it('refuses a JWT signed with another key, of an unknown app, or living longer than 10 minutes (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      signAppJwt(APP_ID, otherKeys.privateKeyPem),
      signAppJwt(APP_ID + 1, keys.privateKeyPem),
      signAppJwt(APP_ID, keys.privateKeyPem, { iat: now - 10, exp: now + 3_600 }),
      signAppJwt(APP_ID, keys.privateKeyPem, { iat: now - 700, exp: now - 100 }),
      'not-a-jwt',
    ];
    for (const jwt of refused) {
      const answer = await accessToken(jwt);
      expect(answer.status).toBe(401);
      expect(typeof answer.body['message']).toBe('string');
    }
    const tooLong = await accessToken(
      signAppJwt(APP_ID, keys.privateKeyPem, { iat: now - 10, exp: now + 3_600 }),
    );
    expect(tooLong.body['message']).toMatch(/'Expiration time' claim \('exp'\) is too far in the future/);
  });

  it('answers 404 for an installation the app does not have, and serves GET /app/installations/{id}', async () => {
    expect((await accessToken(signAppJwt(APP_ID, keys.privateKeyPem), 999)).status).toBe(404);
    const jwt = signAppJwt(APP_ID, keys.privateKeyPem);
    const installation = await simGet(sim.url, `/app/installations/${INSTALLATION}`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(installation.status).toBe(200);
    expect(installation.json()).toMatchObject({ id: INSTALLATION, app_id: APP_ID });
  });

  it('charges JWT requests to the app, never to an installation', async () => {
    const token = await tokenOf(4_002);
    const first = await simGet(sim.url, '/repos/acme/widgets', { token });
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    await tokenOf(4_002);
    const after = await simGet(sim.url, '/repos/acme/widgets', { token });
    expect(after.headers.get('x-ratelimit-used')).toBe('2');
  });

  it('answers 401 Bad credentials to an expired token; a new token keeps the budget and the ETags', async () => {
    sim.configure({ appTokenLifetimeSeconds: 1 });
    try {
      const first = await tokenOf();
      const page = await simGet(sim.url, '/repos/acme/widgets/issues?state=all', { token: first });
      expect(page.status).toBe(200);
      const used = Number(page.headers.get('x-ratelimit-used'));
      const etag = page.headers.get('etag') as string;
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const expired = await simGet(sim.url, '/repos/acme/widgets/issues?state=all', { token: first });
      expect(expired.status).toBe(401);
      expect(expired.json()).toMatchObject({ message: 'Bad credentials' });
      const graphql = await fetch(`${sim.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `bearer ${first}` },
        body: JSON.stringify({ query: '{ viewer { login } }' }),
      });
      expect(graphql.status).toBe(401);

      const second = await tokenOf();
      expect(second).not.toBe(first);
      const again = await simGet(sim.url, '/repos/acme/widgets/issues?state=all', {
        token: second,
        headers: { 'if-none-match': etag },
      });
      // The installation's ETag is still valid (304, free) and its budget continues.
      expect(again.status).toBe(304);
      const charged = await simGet(sim.url, '/repos/acme/widgets', { token: second });
      expect(Number(charged.headers.get('x-ratelimit-used'))).toBe(used + 1);
    } finally {
      sim.configure({ appTokenLifetimeSeconds: 3_600 });
    }
  });

  it('refuses a token it never issued (401), and validates apps in PATCH /_sim/config', async () => {
    const forged = `ghs_${APP_ID}x${INSTALLATION}x${'0'.repeat(32)}`;
    expect((await simGet(sim.url, '/repos/acme/widgets', { token: forged })).status).toBe(401);
    const patch = (body: unknown) =>
      fetch(`${sim.url}/_sim/config`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await patch({ apps: [{ id: 1, publicKeyPem: 'nope', installations: [1] }] })).status).toBe(400);
    expect(
      (await patch({ apps: [{ id: 1, publicKeyPem: keys.publicKeyPem, installations: ['x'] }] })).status,
    ).toBe(400);
    expect((await patch({ appTokenLifetimeSeconds: 3_600 })).status).toBe(200);
  });
});
