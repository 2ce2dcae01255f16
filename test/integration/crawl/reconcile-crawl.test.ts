import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { findCrawlState, upsertCrawlState } from '../../../src/store/crawl-state.store.js';
import { countRowsForRepository } from '../../../src/store/counts.store.js';
import type { ActivityDeleted } from '../../../src/sim/worlds/index.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { SimRepo, World } from '../../../src/sim/world.js';
import {
  DAY_MS,
  RECONCILED_LISTS,
  deleteOnSimulator,
  markReconciledDaysAgo,
  startCrawlFixture,
  storedGithubIds,
  worldCounts,
  type CrawlFixture,
} from './crawl-fixture.js';

jest.setTimeout(60_000);

const LISTS = RECONCILED_LISTS;

describe('periodic full reconciliation (deletions on GitHub)', () => {
  let world: World;
  let repo: SimRepo;
  let fx: CrawlFixture;
  let id: number;

  /** GitHub ids stored for the repository, per list. */
  const storedIds = async () => ({
    issues: await storedGithubIds(fx.db, 'issue', id),
    comments: await storedGithubIds(fx.db, 'issue_comment', id),
    reviewComments: await storedGithubIds(fx.db, 'review_comment', id),
    releases: await storedGithubIds(fx.db, 'release', id),
  });
  const worldIds = () => ({
    issues: repo.issues.map((i) => i.id).sort((a, b) => a - b),
    comments: repo.issueComments.map((c) => c.id).sort((a, b) => a - b),
    reviewComments: repo.reviewComments.map((c) => c.id).sort((a, b) => a - b),
    releases: repo.releases
      .filter((r) => !r.draft)
      .map((r) => r.id)
      .sort((a, b) => a - b),
  });
  const mutate = (body: Record<string, unknown>) => deleteOnSimulator(fx, repo, body);
  const reconciledDaysAgo = (days: number) => markReconciledDaysAgo(fx.db, id, days);
  const without = (ids: readonly number[], gone: readonly number[]) => ids.filter((x) => !gone.includes(x));

  beforeAll(async () => {
    // 120 issues + PRs and 240 comments: more than one page of 100 each (the truncation case).
    world = generateWorld({
      seed: 23,
      repos: 1,
      commitsPerRepo: 40,
      issuesPerRepo: 120,
      commentsPerIssue: 2,
      users: 40,
    });
    repo = world.repos[0]!;
    fx = await startCrawlFixture(world);
    [id] = (await fx.register([`${repo.owner}/${repo.name}`])) as [number];
    const first = await fx.crawl([id]);
    expect(first.completed).toBe(true);
  });
  afterAll(async () => fx?.close());

  it('counts the first full crawl as a reconciliation and stores every list whole', async () => {
    expect(repo.reviewComments.length).toBeGreaterThan(0);
    expect(await storedIds()).toEqual(worldIds());
    for (const entity of LISTS) {
      const state = await findCrawlState(fx.db, id, entity);
      expect(state?.reconciledAt).toBeInstanceOf(Date);
      expect(Date.now() - state!.reconciledAt!.getTime()).toBeLessThan(DAY_MS);
    }
  });

  let deleted: ActivityDeleted;
  let before: Awaited<ReturnType<typeof storedIds>>;

  it('deletes nothing when reconciliation is not due, and the idle re-crawl stays ≈ free', async () => {
    before = await storedIds();
    deleted = await mutate({ deleteComments: 7, deleteIssues: 2, deleteReviewComments: 3, seed: 5 });
    expect(deleted.issueIds).toHaveLength(2);
    expect(deleted.reviewComments).toHaveLength(3);
    fx.sim.resetStats();
    const again = await fx.crawl([id]);
    expect(again.completed).toBe(true);
    expect(await storedIds()).toEqual(before);
    const stats = fx.sim.stats();
    // Only the short `since` lists can change (an item in their overlap window may be gone).
    expect(stats.budgetSpent.graphql).toBe(0);
    expect(stats.budgetSpent.core).toBeLessThanOrEqual(LISTS.length + 1);
  });

  it('when due, reads each list in full and removes exactly the rows deleted on GitHub', async () => {
    await reconciledDaysAgo(8);
    const startedAt = Date.now();
    fx.sim.resetStats();
    const summary = await fx.crawl([id]);
    expect(summary.completed).toBe(true);
    const after = await storedIds();
    expect(after).toEqual(worldIds());
    expect(after.issues).toEqual(without(before.issues, deleted.issueIds));
    expect(after.comments).toEqual(without(before.comments, deleted.comments));
    expect(after.reviewComments).toEqual(without(before.reviewComments, deleted.reviewComments));
    // The comments of a deleted issue went with it (no orphan left behind).
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from issue_comment
      where repository_id = ${id} and issue_number = any(${deleted.issues}::int[])`.execute(fx.db);
    expect(rows[0]!.n).toBe(0);
    const counts = await countRowsForRepository(fx.db, id);
    const expected = worldCounts(world, repo);
    expect(counts.issues).toBe(expected.issues);
    expect(counts.pullRequests).toBe(expected.pullRequests);
    expect(counts.issueComments).toBe(expected.issueComments);
    for (const entity of LISTS) {
      const state = await findCrawlState(fx.db, id, entity);
      expect(state!.reconciledAt!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    }
    // A full read of each list: at least its pages were paid for.
    expect(fx.sim.stats().budgetSpent.core).toBeGreaterThanOrEqual(2 + 3);
  });

  it('leaves the next idle re-crawl all 304s (the reconciliation primed the `since` URLs)', async () => {
    fx.sim.resetStats();
    const again = await fx.crawl([id]);
    expect(again.completed).toBe(true);
    const stats = fx.sim.stats();
    expect(stats.budgetSpent).toEqual({ core: 0, graphql: 0 });
    expect(stats.notModified).toBe(stats.requests);
    expect(await storedIds()).toEqual(worldIds());
  });

  it('judges only what a full read cut short by the pagination limit reached', async () => {
    const stored = await storedIds();
    // The list is sorted by `updated` ascending: with one page served (100 of ~230 comments), the
    // oldest comment is within the read's reach and the newest beyond it.
    const byUpdated = [...repo.issueComments].sort(
      (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt),
    );
    expect(byUpdated.length).toBeGreaterThan(100);
    const early = byUpdated[0]!.id;
    const late = byUpdated[byUpdated.length - 1]!.id;
    repo.issueComments = repo.issueComments.filter((c) => c.id !== early && c.id !== late);
    fx.sim.worldChanged();
    await reconciledDaysAgo(8);
    fx.sim.configure({ rest: { maxPage: 1 } });
    try {
      const summary = await fx.crawl([id]);
      expect(summary.completed).toBe(true);
    } finally {
      fx.sim.configure({ rest: { maxPage: 0 } });
    }
    const after = await storedIds();
    expect(after.issues).toEqual(stored.issues);
    expect(after.reviewComments).toEqual(stored.reviewComments);
    // Beyond the cut nothing is judged: the newest deleted comment stays until a read reaches it.
    expect(after.comments).toEqual(without(stored.comments, [early]));
    expect(after.comments).toContain(late);
    const comments = await findCrawlState(fx.db, id, 'comments');
    expect(Date.now() - comments!.reconciledAt!.getTime()).toBeLessThan(DAY_MS);
    expect(comments!.status).toBe('ok');
  });

  it('reads releases whole when their first page changed and removes each one GitHub deleted', async () => {
    const stored = await storedIds();
    expect(stored.releases.length).toBeGreaterThanOrEqual(3);
    const gone = (await mutate({ deleteReleases: 2, seed: 11 })).releases;
    expect(gone).toHaveLength(2);
    const startedAt = Date.now();
    fx.sim.resetStats();
    expect((await fx.crawl([id])).completed).toBe(true);
    const after = await storedIds();
    expect(after.releases).toEqual(without(stored.releases, gone));
    expect(after.releases).toEqual(worldIds().releases);
    // Not due: the changed releases list was read (one page) and its two candidates asked for.
    const releaseRequests = Object.entries(fx.sim.stats().byEndpoint).filter(([e]) =>
      e.includes('/releases'),
    );
    expect(Object.fromEntries(releaseRequests)).toEqual({
      'GET /repos/{owner}/{repo}/releases': 1,
      'GET /repos/{owner}/{repo}/releases/{release_id}': 2,
    });
    const state = await findCrawlState(fx.db, id, 'releases');
    expect(state!.reconciledAt!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
  });

  it('reads releases in full once due even though their first page would answer 304', async () => {
    fx.sim.resetStats();
    expect((await fx.crawl([id])).completed).toBe(true);
    expect(fx.sim.stats().budgetSpent).toEqual({ core: 0, graphql: 0 });
    await upsertCrawlState(fx.db, id, 'releases', { reconciledAt: new Date(Date.now() - 8 * DAY_MS) });
    fx.sim.resetStats();
    expect((await fx.crawl([id])).completed).toBe(true);
    expect(fx.sim.stats().budgetSpent).toEqual({ core: 1, graphql: 0 });
    const state = await findCrawlState(fx.db, id, 'releases');
    expect(Date.now() - state!.reconciledAt!.getTime()).toBeLessThan(DAY_MS);
    expect((await storedIds()).releases).toEqual(worldIds().releases);
  });
});
