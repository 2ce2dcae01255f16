import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { countRowsForRepository } from '../../../src/store/counts.store.js';
import { findRepositoryByFullName } from '../../../src/store/repository.store.js';
import { generateActivity, generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { dumpCrawledData, startCrawlFixture, worldCounts, type CrawlFixture } from './crawl-fixture.js';

jest.setTimeout(60_000);

describe('incremental crawl', () => {
  let world: World;
  let fx: CrawlFixture;
  let ids: number[];

  beforeAll(async () => {
    world = generateWorld({
      seed: 11,
      repos: 2,
      commitsPerRepo: 260,
      issuesPerRepo: 110,
      commentsPerIssue: 2,
      users: 60,
    });
    fx = await startCrawlFixture(world);
    ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    const first = await fx.crawl(ids);
    expect(first.completed).toBe(true);
  });
  afterAll(async () => fx?.close());

  it('re-crawls unchanged repositories for no primary budget (only 304s) and changes nothing', async () => {
    const before = await dumpCrawledData(fx.db);
    fx.sim.resetStats();
    const again = await fx.crawl(ids);
    expect(again.completed).toBe(true);
    const stats = fx.sim.stats();
    expect(stats.budgetSpent).toEqual({ core: 0, graphql: 0 });
    expect(stats.notModified).toBeGreaterThan(0);
    expect(stats.notModified).toBe(stats.requests);
    expect(await dumpCrawledData(fx.db)).toEqual(before);
  });

  it('after new activity, the next crawl stores exactly the new rows', async () => {
    const repo = world.repos[0]!;
    const stored = await findRepositoryByFullName(fx.db, `${repo.owner}/${repo.name}`);
    const before = await countRowsForRepository(fx.db, stored!.id);
    const added = generateActivity(
      world,
      repo,
      { commits: 7, issues: 3, pullRequests: 2, comments: 9, reviews: 3, releases: 1 },
      99,
      new Date('2026-11-15T00:00:00Z'),
    );
    fx.sim.worldChanged();
    fx.sim.resetStats();
    const summary = await fx.crawl(ids);
    expect(summary.completed).toBe(true);
    const after = await countRowsForRepository(fx.db, stored!.id);
    expect(after).toEqual(worldCounts(world, repo));
    expect(after.commits - before.commits).toBe(added.commits.length);
    expect(after.issues - before.issues).toBe(added.issues.length);
    expect(after.pullRequests - before.pullRequests).toBe(added.pullRequests.length);
    expect(after.issueComments - before.issueComments).toBe(added.comments.length);
    expect(after.releases - before.releases).toBe(added.releases.length);
    const { rows } = await sql<{ sha: string }>`
      select sha from "commit" where repository_id = ${stored!.id} and sha in (${sql.join(added.commits)})`.execute(
      fx.db,
    );
    expect(rows.map((r) => r.sha).sort()).toEqual([...added.commits].sort());
    // Only the changed repository cost budget; the other answered 304s.
    const other = await findRepositoryByFullName(fx.db, `${world.repos[1]!.owner}/${world.repos[1]!.name}`);
    expect(await countRowsForRepository(fx.db, other!.id)).toEqual(worldCounts(world, world.repos[1]!));
    expect(fx.sim.stats().budgetSpent.graphql).toBeLessThanOrEqual(6);
  });
});
