import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { loadConfig, type Config } from '../../../config/load-config.js';
import { crawlInProcess } from '../../../src/cli/crawl-session.js';
import type { CrawlSummary } from '../../../src/crawl/run-crawl.js';
import { installationFingerprint } from '../../../src/github/credential.js';
import { createLogger } from '../../../src/shared/logger.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import type { World } from '../../../src/sim/world.js';
import { loadSampleWorld } from '../../../src/sim/worlds/index.js';
import { findRepositoryByFullName, registerRepositories } from '../../../src/store/repository.store.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';
import { generateAppKeys, pemBodyLines, type AppKeys } from '../../support/github-app.js';
import { fakeToken } from '../../support/sim-http.js';
import { dumpCrawledData } from '../crawl/crawl-fixture.js';

jest.setTimeout(240_000);

/**
 * Crawls of the sample world through a GitHub App installation: the same rows as with a personal
 * token, across token expiry, and a clear GH_AUTH_FAILED (no crash) when the key is wrong. Every
 * log line of every crawl is kept to show that neither installation tokens nor the key leak.
 */
const APP_ID = 52_001;
const INSTALLATION = 77_001;

let world: World;
let keys: AppKeys;
let sim: RunningSimulator;
const databases: TestPostgres[] = [];
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

beforeAll(async () => {
  world = loadSampleWorld();
  keys = generateAppKeys();
  sim = await startSimulator({
    world,
    config: { apps: [{ id: APP_ID, publicKeyPem: keys.publicKeyPem, installations: [INSTALLATION] }] },
  });
});
afterAll(async () => {
  for (const db of databases) await db.drop();
  await sim?.close();
});

function appConfig(privateKeyPem: string): Config {
  return loadConfig({
    env: {
      GITHUB_API_URL: sim.url,
      GITHUB_APP_ID: String(APP_ID),
      // The one-line form operators put in .env files.
      GITHUB_APP_PRIVATE_KEY: privateKeyPem.replace(/\n/g, '\\n'),
      GITHUB_APP_INSTALLATION_IDS: String(INSTALLATION),
    },
  });
}

async function crawlInto(config: Config): Promise<{ pg: TestPostgres; summary: CrawlSummary }> {
  const pg = await createTestPostgres();
  databases.push(pg);
  const registered = await registerRepositories(
    pg.db,
    world.repos.map((r) => parseRepoName(`${r.owner}/${r.name}`)),
  );
  const ids = [...registered.added, ...registered.existing].map((r) => r.id);
  const summary = await crawlInProcess(config, pg.db, logger, ids, { progress: false });
  return { pg, summary };
}

/** The stored rows; reasons recorded for gone repositories name the credential, which differs. */
async function crawledData(pg: TestPostgres): Promise<unknown> {
  const text = JSON.stringify(await dumpCrawledData(pg.db));
  return JSON.parse(text.replace(/credential [0-9a-f]{12}/g, 'credential (fingerprint)')) as unknown;
}

describe('crawling with a GitHub App installation', () => {
  let withToken: Awaited<ReturnType<typeof crawlInto>>;

  beforeAll(async () => {
    withToken = await crawlInto(
      loadConfig({ env: { GITHUB_API_URL: sim.url, GITHUB_TOKEN: fakeToken('pat') } }),
    );
    expect(withToken.summary.completed).toBe(true);
  });

  it('stores the same rows as a crawl with a personal token, pinned to the installation', async () => {
    sim.resetStats();
    const { pg, summary } = await crawlInto(appConfig(keys.privateKeyPem));
    expect(summary.completed).toBe(true);
    expect(await crawledData(pg)).toEqual(await crawledData(withToken.pg));
    const repo = world.repos[0]!;
    const stored = await findRepositoryByFullName(pg.db, `${repo.owner}/${repo.name}`);
    expect(stored?.credentialFingerprint).toBe(installationFingerprint(APP_ID, INSTALLATION));
    const stats = sim.stats();
    expect(stats.installationTokensIssued).toBe(1);
    expect(stats.violations.count).toBe(0);
    // Every crawl request went out with the installation's token (charged to the installation).
    const installation = stats.byToken[installationFingerprint(APP_ID, INSTALLATION)];
    expect(installation?.requests).toBe(stats.requests - 1);
  });

  it('keeps crawling across token expiry: fresh tokens, no lost rows', async () => {
    // Longer than auth-app's 5 s window in which a 401 is taken for replication lag and retried
    // with the same token, shorter than the crawl: ~310 requests, 4 in flight, 80 ms each take
    // ≥ 6 s however fast the client is.
    sim.configure({ appTokenLifetimeSeconds: 6, faults: { latencyMs: 80 } });
    try {
      sim.resetStats();
      const { pg, summary } = await crawlInto(appConfig(keys.privateKeyPem));
      expect(summary.completed).toBe(true);
      expect(summary.repositories.flatMap((r) => r.failures)).toEqual([]);
      expect(await crawledData(pg)).toEqual(await crawledData(withToken.pg));
      expect(sim.stats().installationTokensIssued).toBeGreaterThanOrEqual(2);
    } finally {
      sim.configure({ appTokenLifetimeSeconds: 3_600, faults: { latencyMs: 0 } });
    }
  });

  it('reports GH_AUTH_FAILED naming the app and installation when the private key is wrong', async () => {
    const { summary } = await crawlInto(appConfig(generateAppKeys().privateKeyPem));
    expect(summary.completed).toBe(false);
    for (const repository of summary.repositories) {
      expect(repository.failures.length).toBeGreaterThan(0);
      for (const failure of repository.failures) {
        expect(failure.code).toBe('GH_AUTH_FAILED');
        expect(failure.message).toContain(`GitHub App ${APP_ID} installation ${INSTALLATION}`);
      }
    }
    // The first refusal says why (GitHub rejected the app's JWT); later ones that it was disabled.
    const messages = summary.repositories.flatMap((r) => r.failures.map((f) => f.message));
    expect(messages.some((m) => /\(401: .*check GITHUB_APP_ID and that the private key/.test(m))).toBe(true);
  });

  it('never logs an installation token or the private key', () => {
    const text = logs.join('');
    expect(logs.length).toBeGreaterThan(50);
    expect(text).toContain(`"installationId":${INSTALLATION}`);
    // Every token the simulator issues starts with ghs_ (and GitHub's do too).
    expect(text).not.toContain('ghs_');
    expect(text).not.toContain('PRIVATE KEY');
    for (const line of pemBodyLines(keys.privateKeyPem)) expect(text).not.toContain(line);
  });
});
