import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createCrawlGitHub, etagStoreFor } from '../../../src/crawl/adapters/github-client.adapter.js';
import type { CrawlGitHub, RestPage } from '../../../src/crawl/adapters/github.port.js';
import { crawlCommentsStage } from '../../../src/crawl/crawl-comments.stage.js';
import { crawlIssuesStage } from '../../../src/crawl/crawl-issues.stage.js';
import { defaultCrawlSettings, systemClock, type CrawlDeps } from '../../../src/crawl/stage.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/index.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { SimRepo } from '../../../src/sim/world.js';
import {
  FAST_CLIENT,
  deleteOnSimulator,
  markReconciledDaysAgo,
  startCrawlFixture,
  storedGithubIds,
  type CrawlFixture,
} from './crawl-fixture.js';

jest.setTimeout(60_000);

/**
 * GitHub pages by offset: an item changed or deleted during a full read shifts the later pages and a
 * live item can slip between two of them. Here the crawler's port drops chosen live items from the
 * pages it reads (that miss, made deterministic); the simulator still serves them by their own URL.
 */
describe('reconciliation verifies each deletion candidate before deleting it', () => {
  let repo: SimRepo;
  let fx: CrawlFixture;
  let id: number;
  let client: GitHubClient;
  let deps: CrawlDeps;
  /** GitHub ids the full read "misses" although GitHub still has them. */
  const missed = new Set<number>();

  const storedIds = (table: string) => storedGithubIds(fx.db, table, id);
  const mutate = (body: Record<string, unknown>) => deleteOnSimulator(fx, repo, body);
  const reconcileNow = async (settings = defaultCrawlSettings) => {
    await markReconciledDaysAgo(fx.db, id, 8);
    const run = { ...deps, settings };
    await crawlIssuesStage(run, { repositoryId: id });
    await crawlCommentsStage(run, { repositoryId: id });
  };
  const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

  beforeAll(async () => {
    const world = generateWorld({
      seed: 31,
      repos: 1,
      commitsPerRepo: 20,
      issuesPerRepo: 60,
      commentsPerIssue: 2,
      users: 30,
    });
    repo = world.repos[0]!;
    fx = await startCrawlFixture(world);
    [id] = (await fx.register([`${repo.owner}/${repo.name}`])) as [number];
    expect((await fx.crawl([id])).completed).toBe(true);
    client = createGitHubClient({
      config: fx.config,
      logger: silentLogger,
      etagStore: etagStoreFor(fx.db, null),
      options: FAST_CLIENT,
    });
    const real = createCrawlGitHub(client, fx.db);
    const github: CrawlGitHub = {
      ...real,
      async *restPages<T>(...args: Parameters<CrawlGitHub['restPages']>): AsyncIterable<RestPage<T>> {
        for await (const page of real.restPages<T>(...args)) {
          const items = page.items.filter((item) => !missed.has((item as { id: number }).id));
          yield { ...page, items };
        }
      },
    };
    deps = { db: fx.db, github, logger: silentLogger, clock: systemClock, settings: defaultCrawlSettings };
  });
  afterAll(async () => {
    await client?.close();
    await fx?.close();
  });

  it('keeps live rows the full read missed and deletes only the candidates GitHub answers 404 for', async () => {
    const deleted = await mutate({ deleteIssues: 1, deleteComments: 2, deleteReviewComments: 1, seed: 9 });
    const liveIssue = repo.issues.find((i) => !i.pullRequest)!.id;
    const livePull = repo.issues.find((i) => i.pullRequest)!.id;
    const liveComment = repo.issueComments[0]!.id;
    const liveReviewComment = repo.reviewComments[0]!.id;
    for (const x of [liveIssue, livePull, liveComment, liveReviewComment]) missed.add(x);
    try {
      await reconcileNow();
    } finally {
      missed.clear();
    }
    expect(await storedIds('issue')).toEqual(sorted(repo.issues.map((i) => i.id)));
    expect(await storedIds('issue_comment')).toEqual(sorted(repo.issueComments.map((c) => c.id)));
    expect(await storedIds('review_comment')).toEqual(sorted(repo.reviewComments.map((c) => c.id)));
    // The missed live rows are still there; the deleted ones are not.
    expect(await storedIds('issue')).toEqual(expect.arrayContaining([liveIssue, livePull]));
    expect(await storedIds('issue')).not.toContain(deleted.issueIds[0]);
    expect(await storedIds('issue_comment')).toContain(liveComment);
    expect(await storedIds('review_comment')).toContain(liveReviewComment);
  });

  it('asks for at most reconcileVerifyLimit candidates per list; the rest wait and go next time', async () => {
    const deleted = await mutate({ deleteComments: 3, seed: 17 });
    expect(deleted.comments).toHaveLength(3);
    const before = await storedIds('issue_comment');
    await reconcileNow({ ...defaultCrawlSettings, reconcileVerifyLimit: 1 });
    const afterOne = await storedIds('issue_comment');
    expect(afterOne).toHaveLength(before.length - 1);
    expect(before.filter((x) => !afterOne.includes(x)).every((x) => deleted.comments.includes(x))).toBe(true);
    await reconcileNow({ ...defaultCrawlSettings, reconcileVerifyLimit: 0 });
    expect(await storedIds('issue_comment')).toEqual(afterOne);
    await reconcileNow();
    expect(await storedIds('issue_comment')).toEqual(sorted(repo.issueComments.map((c) => c.id)));
  });
});
