import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '../../../config/load-config.js';
import { crawlInProcess } from '../../../src/cli/crawl-session.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { loadSampleWorld } from '../../../src/sim/worlds/index.js';
import { countRowsForRepository } from '../../../src/store/counts.store.js';
import { getRepository, registerRepositories } from '../../../src/store/repository.store.js';
import { createTestPglite, type TestPglite } from '../../support/db.js';
import { FAST_CLIENT, worldCounts } from './crawl-fixture.js';

jest.setTimeout(90_000);

/** The embedded default (PGlite) with the sample world's odd repositories: renamed, empty, gone, DMCA. */
describe('crawl on PGlite (embedded mode)', () => {
  let sim: RunningSimulator;
  let lite: TestPglite;

  beforeAll(async () => {
    const world = loadSampleWorld();
    // The small and the odd ones: keeps the test quick.
    world.repos = world.repos.filter((r) => r.status !== 'ok' || r.formerNames.length > 0);
    sim = await startSimulator({ world });
    lite = await createTestPglite();
  });
  afterAll(async () => {
    await lite?.close();
    await sim?.close();
  });

  it('records renamed, empty, gone and blocked repositories and completes', async () => {
    const world = sim.world;
    const names = world.repos.map((r) => parseRepoName(r.formerNames[0] ?? `${r.owner}/${r.name}`));
    const registered = await registerRepositories(lite.db, names);
    const ids = registered.added.map((r) => r.id);
    const config = loadConfig({
      env: { GITHUB_API_URL: sim.url, GITHUB_TOKEN: `test-${randomBytes(12).toString('hex')}` },
    });
    const summary = await crawlInProcess(config, lite.db, silentLogger, ids, {
      progress: false,
      clientOptions: FAST_CLIENT,
    });
    expect(summary.completed).toBe(true);

    const byStatus = new Map(world.repos.map((r) => [r.status === 'ok' ? 'renamed' : r.status, r]));
    const states = new Map(summary.repositories.map((s) => [s.fullName, s.state]));
    const renamed = byStatus.get('renamed')!;
    // Followed and reported under the new name; the old one is kept in the name history.
    expect(states.get(`${renamed.owner}/${renamed.name}`)).toBe('ok');
    const empty = byStatus.get('empty')!;
    expect(states.get(`${empty.owner}/${empty.name}`)).toBe('empty');
    const gone = byStatus.get('gone')!;
    expect(states.get(`${gone.owner}/${gone.name}`)).toBe('gone');
    const dmca = byStatus.get('dmca')!;
    expect(states.get(`${dmca.owner}/${dmca.name}`)).toBe('blocked');

    const renamedRow = await getRepository(
      lite.db,
      summary.repositories.find((s) => s.state === 'ok')!.repositoryId,
    );
    expect(renamedRow.fullName).toBe(`${renamed.owner}/${renamed.name}`);
    expect(await countRowsForRepository(lite.db, renamedRow.id)).toEqual(worldCounts(world, renamed));
    const goneRow = await getRepository(
      lite.db,
      summary.repositories.find((s) => s.state === 'gone')!.repositoryId,
    );
    expect(goneRow.stateReason).toMatch(/404/);
  });
});
