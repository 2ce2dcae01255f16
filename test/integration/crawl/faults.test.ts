import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import { dumpCrawledData, startCrawlFixture, type CrawlFixture } from './crawl-fixture.js';

jest.setTimeout(90_000);

const WORLD = { seed: 23, repos: 2, commitsPerRepo: 240, issuesPerRepo: 90, commentsPerIssue: 2, users: 50 };

describe('crawl under GitHub faults', () => {
  let clean: CrawlFixture;
  let faulty: CrawlFixture;

  beforeAll(async () => {
    clean = await startCrawlFixture(generateWorld(WORLD));
    faulty = await startCrawlFixture(generateWorld(WORLD), {
      faults: { seed: 5, error5xxRate: 0.1, dropRate: 0.02, latencyMs: 10 },
      // One concurrent request per token, far fewer than the client sends (stages run side by side): secondary-limit 403s with retry-after.
      secondary: { maxConcurrent: 1, retryAfterSeconds: 1 },
    });
  });
  afterAll(async () => {
    await clean?.close();
    await faulty?.close();
  });

  it('completes with rows identical to a clean crawl and zero rate-limit violations', async () => {
    const names = clean.sim.world.repos.map((r) => `${r.owner}/${r.name}`);
    const cleanSummary = await clean.crawl(await clean.register(names));
    expect(cleanSummary.completed).toBe(true);
    const faultySummary = await faulty.crawl(await faulty.register(names));
    expect(faultySummary.repositories.map((r) => r.failures)).toEqual([[], []]);
    expect(faultySummary.completed).toBe(true);

    const stats = faulty.sim.stats();
    // The faults really happened…
    expect(Object.keys(stats.byStatus).some((status) => status.startsWith('5'))).toBe(true);
    expect(stats.byStatus['403']).toBeGreaterThan(0);
    // …and the client never sent a request it had been told to hold back.
    expect(stats.violations).toEqual({ count: 0, samples: [] });
    expect(await dumpCrawledData(faulty.db)).toEqual(await dumpCrawledData(clean.db));
  });
});
