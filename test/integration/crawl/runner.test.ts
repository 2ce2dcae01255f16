import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { CrawlGitHub } from '../../../src/crawl/adapters/github.port.js';
import { runCrawl, type CrawlEvent } from '../../../src/crawl/run-crawl.js';
import {
  defaultCrawlSettings,
  systemClock,
  type CrawlDeps,
  type Stage,
  type StageName,
} from '../../../src/crawl/stage.js';
import type { StageDefinition } from '../../../src/crawl/stages.js';
import { VitalsError } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import { findCrawlState } from '../../../src/store/crawl-state.store.js';
import { getRepository, registerRepositories } from '../../../src/store/repository.store.js';
import { createTestPglite, type TestPglite } from '../../support/db.js';

jest.setTimeout(60_000);

/** The runner's decisions, with stub stages: what a failure means for the repository and the others. */
describe('runCrawl', () => {
  let lite: TestPglite;
  let deps: CrawlDeps;
  let ids: number[];

  beforeAll(async () => {
    lite = await createTestPglite();
    const names = ['a/ok', 'a/flaky', 'a/gone', 'a/revoked'].map((n) => parseRepoName(n));
    ids = (await registerRepositories(lite.db, names)).added.map((r) => r.id);
    deps = {
      db: lite.db,
      github: {} as CrawlGitHub,
      logger: silentLogger,
      clock: systemClock,
      settings: defaultCrawlSettings,
    };
  });
  afterAll(async () => lite?.close());

  it('records gone, failed and auth trouble per repository and never lets it stop the others', async () => {
    const ran: string[] = [];
    const stage =
      (name: StageName): Stage =>
      async (_deps, { repositoryId }) => {
        const repo = await getRepository(lite.db, repositoryId);
        ran.push(`${repo.name}:${name}`);
        if (repo.name === 'gone' && name === 'issues')
          throw new VitalsError('GH_REPOSITORY_GONE', 'GitHub answered 404');
        if (repo.name === 'flaky' && name === 'commits')
          throw new VitalsError('GH_TRANSIENT', 'GitHub answered 502');
        if (repo.name === 'revoked' && name === 'commits')
          throw new VitalsError('GH_AUTH_FAILED', 'Bad credentials');
        return { stage: name, outcome: 'ok', rows: 1, pages: 1 };
      };
    const stages: StageDefinition[] = [
      { name: 'repository', wave: 0, run: stage('repository') },
      { name: 'commits', wave: 1, run: stage('commits') },
      { name: 'issues', wave: 2, run: stage('issues') },
      { name: 'users', wave: 3, run: stage('users') },
    ];
    const events: CrawlEvent[] = [];
    const summary = await runCrawl(deps, ids, { stages, concurrency: 2, onEvent: (e) => events.push(e) });

    expect(summary.repositories.map((r) => [r.fullName, r.state])).toEqual([
      ['a/ok', 'ok'],
      ['a/flaky', 'partial'],
      ['a/gone', 'gone'],
      ['a/revoked', 'partial'],
    ]);
    expect(summary.completed).toBe(false);
    // A failed stage does not stop the independent ones after it…
    expect(ran).toContain('flaky:issues');
    expect(ran).toContain('flaky:users');
    // …but gone stops the repository, and a rejected credential skips what would fail the same way.
    expect(ran).not.toContain('gone:users');
    expect(ran).not.toContain('revoked:issues');

    const flaky = await getRepository(lite.db, ids[1]!);
    expect(flaky.stateReason).toBe('commits: GH_TRANSIENT');
    expect((await findCrawlState(lite.db, flaky.id, 'commits'))?.lastError).toBe(
      'GH_TRANSIENT: GitHub answered 502',
    );
    expect((await getRepository(lite.db, ids[2]!)).stateReason).toBe('GitHub answered 404');
    const ok = await getRepository(lite.db, ids[0]!);
    expect(ok.state).toBe('ok');
    expect(ok.lastSuccessAt).not.toBeNull();
    expect(events.filter((e) => e.type === 'repository-done')).toHaveLength(4);
  });
});
