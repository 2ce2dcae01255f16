import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { regionOfCountry } from '../../../src/geo/country-region.js';
import { getGeographyReport } from '../../../src/runtime/geography-report.js';
import { inferGeography } from '../../../src/runtime/infer-geography.js';
import { loadSampleWorld } from '../../../src/sim/worlds/index.js';
import type { SimRepo, World } from '../../../src/sim/world.js';
import { findRepositoryByFullName } from '../../../src/store/repository.store.js';
import { startCrawlFixture, type CrawlFixture } from '../crawl/crawl-fixture.js';

jest.setTimeout(180_000);

/** Outside-mainland-China commits by the world's ground truth (bots excluded). */
function truthOf(world: World, repo: SimRepo) {
  const users = new Map(world.users.map((u) => [u.login.toLowerCase(), u]));
  let outside = 0;
  let china = 0;
  let unknown = 0;
  for (const commit of repo.commits) {
    const user = commit.authorLogin ? users.get(commit.authorLogin.toLowerCase()) : undefined;
    if (user?.type === 'Bot' || commit.authorLogin?.endsWith('[bot]')) continue;
    const truth = user ? user.trueCountry : world.trueCountryByEmail?.[commit.author.email.toLowerCase()];
    if (!truth) unknown += 1;
    else if (regionOfCountry(truth, 'mainland') === 'CN') china += 1;
    else outside += 1;
  }
  return { outside, china, unknown, total: outside + china + unknown };
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

describe('geography of the sample world, crawled through the simulator into PostgreSQL', () => {
  let world: World;
  let fx: CrawlFixture;

  beforeAll(async () => {
    world = loadSampleWorld();
    fx = await startCrawlFixture(world);
    const ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    await fx.crawl(ids);
    await inferGeography(fx.db, ids, { mode: 'mainland' });
  });
  afterAll(async () => fx?.close());

  it('estimates each repository’s outside-China share of commits within ±3 pp, truth inside the bounds', async () => {
    const lines: string[] = [];
    let measured = 0;
    for (const repo of world.repos) {
      const truth = truthOf(world, repo);
      if (truth.total === 0) continue;
      const stored = await findRepositoryByFullName(fx.db, `${repo.owner}/${repo.name}`);
      if (!stored || stored.state !== 'ok') continue;
      const report = await getGeographyReport(fx.db, stored.id, new Date('2100-01-01'), 'mainland');
      const estimate = report.windows.all.byCommits;
      // Every non-bot commit of the sample world has a known true country (sim worlds test).
      expect(truth.unknown).toBe(0);
      expect(estimate.outsideChina + estimate.china + estimate.unknown).toBe(truth.total);
      const trueShare = truth.outside / (truth.outside + truth.china);
      const trueOfTotal = truth.outside / truth.total;
      lines.push(
        `${`${repo.owner}/${repo.name}`.padEnd(28)} commits ${String(truth.total).padStart(5)}  truth ${pct(trueShare).padStart(6)}  ` +
          `estimate ${pct(estimate.share).padStart(6)}  |Δ| ${(Math.abs((estimate.share ?? 0) - trueShare) * 100).toFixed(1)} pp  ` +
          `coverage ${pct(estimate.coverage)}  bounds [${pct(estimate.lower)}, ${pct(estimate.upper)}] ∋ ${pct(trueOfTotal)}`,
      );
      expect(estimate.share).not.toBeNull();
      expect(Math.abs(estimate.share! - trueShare)).toBeLessThanOrEqual(0.03);
      expect(trueOfTotal).toBeGreaterThanOrEqual(estimate.lower! - 1e-9);
      expect(trueOfTotal).toBeLessThanOrEqual(estimate.upper! + 1e-9);
      measured += 1;
    }
    process.stdout.write(`geo world accuracy (sample world, mainland mode):\n${lines.join('\n')}\n`);
    expect(measured).toBeGreaterThanOrEqual(5);
  });
});
