import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { countRowsForRepository } from '../../../src/store/counts.store.js';
import { findRepositoryByFullName } from '../../../src/store/repository.store.js';
import { parseGitTimestamp } from '../../../src/crawl/rows/git-timestamp.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { startCrawlFixture, worldCounts, type CrawlFixture } from './crawl-fixture.js';

jest.setTimeout(60_000);

describe('full crawl of a simulator world (PostgreSQL)', () => {
  let world: World;
  let fx: CrawlFixture;
  let ids: number[];

  beforeAll(async () => {
    world = generateWorld({
      seed: 7,
      repos: 2,
      commitsPerRepo: 340,
      issuesPerRepo: 130,
      commentsPerIssue: 2,
      users: 80,
    });
    fx = await startCrawlFixture(world);
    ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
  });
  afterAll(async () => fx?.close());

  it('stores exactly what the world holds, for every repository', async () => {
    const summary = await fx.crawl(ids);
    expect(summary.completed).toBe(true);
    expect(summary.repositories.map((r) => r.state)).toEqual(['ok', 'ok']);
    for (const repo of world.repos) {
      const stored = await findRepositoryByFullName(fx.db, `${repo.owner}/${repo.name}`);
      expect(stored?.githubId).toBe(repo.id);
      expect(await countRowsForRepository(fx.db, stored!.id)).toEqual(worldCounts(world, repo));
    }
    expect(fx.sim.stats().violations.count).toBe(0);
  });

  it('keeps every commit author date with its original UTC offset', async () => {
    const repo = world.repos[0]!;
    const stored = await findRepositoryByFullName(fx.db, `${repo.owner}/${repo.name}`);
    const { rows } = await sql<{ sha: string; authored_at: Date; author_utc_offset_minutes: number }>`
      select sha, authored_at, author_utc_offset_minutes from "commit" where repository_id = ${stored!.id}`.execute(
      fx.db,
    );
    const bySha = new Map(rows.map((r) => [r.sha, r]));
    const offsets = new Set<number>();
    for (const commit of repo.commits) {
      const expected = parseGitTimestamp(commit.author.date)!;
      const row = bySha.get(commit.sha);
      expect(row?.author_utc_offset_minutes).toBe(expected.utcOffsetMinutes);
      expect(row?.authored_at.getTime()).toBe(expected.at.getTime());
      offsets.add(expected.utcOffsetMinutes);
    }
    // The world mixes time zones: a crawl that flattened offsets to UTC would fail above.
    expect(offsets.size).toBeGreaterThan(3);
  });

  it('fetches a profile for every person the rows reference, and flags bots', async () => {
    const { rows } = await sql<{ missing: number; bots: number }>`
      select count(*) filter (where observed_at is null and not is_bot and type = 'User')::int as missing,
             count(*) filter (where is_bot)::int as bots
      from github_user`.execute(fx.db);
    expect(rows[0]?.missing).toBe(0);
    const worldBots = world.users.filter((u) => u.type === 'Bot').map((u) => u.login.toLowerCase());
    if (worldBots.length > 0) expect(rows[0]?.bots).toBeGreaterThan(0);
  });
});
