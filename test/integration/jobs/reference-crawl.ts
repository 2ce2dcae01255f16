import { loadConfig } from '../../../config/load-config.js';
import { crawlInProcess } from '../../../src/cli/crawl-session.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import type { World } from '../../../src/sim/world.js';
import { registerRepositories } from '../../../src/store/repository.store.js';
import { createTestPostgres } from '../../support/db.js';
import { dumpCrawledData } from '../crawl/crawl-fixture.js';
import { fakeToken } from './jobs-fixture.js';

/**
 * What an uninterrupted embedded crawl of `world` stores (design §8: a distributed or interrupted
 * crawl must end with the same database). Runs against the given simulator with its own token.
 */
export async function referenceDump(world: World, simUrl: string): Promise<Record<string, unknown[]>> {
  const pg = await createTestPostgres();
  try {
    const config = loadConfig({ env: { GITHUB_API_URL: simUrl, GITHUB_TOKEN: fakeToken() } });
    const registered = await registerRepositories(
      pg.db,
      world.repos.map((r) => parseRepoName(`${r.owner}/${r.name}`)),
    );
    const ids = [...registered.added, ...registered.existing].map((r) => r.id);
    const summary = await crawlInProcess(config, pg.db, silentLogger, ids, {
      progress: false,
      clientOptions: { backoff: { baseMs: 20, capMs: 300 }, maxAttempts: 8 },
    });
    if (!summary.completed) throw new Error('reference crawl incomplete');
    return await dumpCrawledData(pg.db);
  } finally {
    await pg.drop();
  }
}
