import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '../../../config/load-config.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/index.js';
import { installationFingerprint } from '../../../src/github/credential.js';
import { createLogger } from '../../../src/shared/logger.js';
import {
  startSimulator,
  type DeepPartial,
  type RunningSimulator,
  type SimConfig,
} from '../../../src/sim/index.js';
import { generateAppKeys, signAppJwt, type AppKeys } from '../../support/github-app.js';
import { tinyWorld } from '../../support/sim-worlds.js';
import { FAST } from './client-kit.js';

jest.setTimeout(60_000);

const APP_ID = 8_101;
const INSTALLATION = 90_001;
const FINGERPRINT = installationFingerprint(APP_ID, INSTALLATION);

interface AppKit {
  sim: RunningSimulator;
  keys: AppKeys;
  client: GitHubClient;
  logs: string[];
}

let kit: AppKit | undefined;
afterEach(async () => {
  await kit?.client.close();
  await kit?.sim.close();
  kit = undefined;
});

async function startAppKit(
  sim: DeepPartial<SimConfig>,
  transport: typeof globalThis.fetch = fetch,
  installations = [INSTALLATION],
  requestTimeoutMs = FAST.requestTimeoutMs,
): Promise<AppKit> {
  const keys = generateAppKeys();
  const server = await startSimulator({
    world: tinyWorld(),
    config: { ...sim, apps: [{ id: APP_ID, publicKeyPem: keys.publicKeyPem, installations }] },
  });
  const logs: string[] = [];
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  );
  const config = loadConfig({
    env: {
      GITHUB_API_URL: server.url,
      GITHUB_APP_ID: String(APP_ID),
      GITHUB_APP_PRIVATE_KEY: keys.privateKeyPem,
      GITHUB_APP_INSTALLATION_IDS: String(INSTALLATION),
    },
  });
  const client = createGitHubClient({
    config,
    logger,
    fetch: transport,
    options: { ...FAST, maxWaitMs: 5_000, requestTimeoutMs },
  });
  kit = { sim: server, keys, client, logs };
  return kit;
}

const getRepo = (client: GitHubClient) =>
  client.rest<{ full_name: string }>(
    'GET /repos/{owner}/{repo}',
    { owner: 'acme', repo: 'widgets' },
    { credential: FINGERPRINT },
  );

describe('GitHub App installation credentials', () => {
  it('names the installation by a fingerprint of its ids and spends the installation budget', async () => {
    const { client, sim } = await startAppKit({});
    expect(client.credentials).toEqual([
      { fingerprint: FINGERPRINT, authenticated: true, app: { appId: APP_ID, installationId: INSTALLATION } },
    ]);
    for (let i = 0; i < 3; i++) expect((await getRepo(client)).data?.full_name).toBe('acme/widgets');
    expect(sim.stats().installationTokensIssued).toBe(1);
    expect(sim.stats().byToken[FINGERPRINT]?.core).toBe(3);
  });

  it("keeps the app's access-token requests out of the installation's budget ledger", async () => {
    // The app's own budget (JWT requests) is spent to 0 before the client starts; the installation
    // has 37 of 40 left. Had the client read the access-token answer's headers into the
    // installation's ledger, it would wait an hour for the app's reset (and fail after maxWaitMs).
    const { client, sim, keys } = await startAppKit({ rateLimit: { core: 40 } });
    for (let i = 0; i < 40; i++) {
      const response = await fetch(`${sim.url}/app/installations/${INSTALLATION}/access_tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${signAppJwt(APP_ID, keys.privateKeyPem)}` },
      });
      expect(response.status).toBe(201);
    }
    for (let i = 0; i < 3; i++) await getRepo(client);
    const snapshot = await client.budget();
    expect(snapshot.map((c) => c.fingerprint)).toEqual([FINGERPRINT]);
    expect(snapshot[0]?.resources.find((r) => r.resource === 'core')?.remaining).toBe(37);
  });

  it('mints a new token and retries once when a request waited past its token’s expiry', async () => {
    let holdNext = false;
    // The transport sits behind the auth hook: the token is already in the request when it waits.
    const transport: typeof fetch = async (input, init) => {
      if (holdNext && String(input).includes('/repos/')) {
        holdNext = false;
        await new Promise((resolve) => setTimeout(resolve, 7_000));
      }
      return fetch(input, init);
    };
    // (The per-request timeout runs while the transport holds the request: longer than the hold.)
    const { client, sim } = await startAppKit(
      { appTokenLifetimeSeconds: 6 },
      transport,
      [INSTALLATION],
      20_000,
    );
    await getRepo(client);
    holdNext = true;
    const result = await getRepo(client);
    expect(result.status).toBe(200);
    // auth-app itself retries a 401 once within 5 s of minting (replication lag), with the same token.
    expect(sim.stats().byStatus['401']).toBeGreaterThanOrEqual(1);
    expect(sim.stats().installationTokensIssued).toBe(2);
    expect(client.isUsable(FINGERPRINT)).toBe(true);
  });

  it('disables an installation the app does not have, with GH_AUTH_FAILED naming app and installation', async () => {
    const { client, logs } = await startAppKit({}, fetch, [INSTALLATION + 1]);
    const failure = await getRepo(client).catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'GH_AUTH_FAILED', kind: 'auth', status: 404 });
    expect((failure as Error).message).toContain(`GitHub App ${APP_ID} installation ${INSTALLATION}`);
    expect((failure as Error).message).toContain('GITHUB_APP_INSTALLATION_IDS');
    expect(client.isUsable(FINGERPRINT)).toBe(false);
    expect(() => client.pickCredential('id:1')).toThrow(/GitHub App 8101 installation 90001/);
    expect(logs.join('')).toContain('github refused a GitHub App installation credential');
  });
});
