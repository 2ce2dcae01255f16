import { describe, expect, it } from '@jest/globals';
import type { SimRepo, World } from '../../../../src/sim/world.js';
import { generateActivity, loadSampleWorld } from '../../../../src/sim/worlds/index.js';
import { checkWorldInvariants } from '../../../support/check-world-invariants.js';

const NOW = new Date('2026-11-15T12:00:00Z');

function setup(fullName = 'meridian-labs/meridian'): { world: World; repo: SimRepo } {
  const world = loadSampleWorld();
  const repo = world.repos.find((r) => `${r.owner}/${r.name}` === fullName) as SimRepo;
  return { world, repo };
}

const counts = (repo: SimRepo) => ({
  commits: repo.commits.length,
  issues: repo.issues.length,
  comments: repo.issueComments.length,
  reviews: repo.reviews.length,
  releases: repo.releases.length,
});

describe('generateActivity', () => {
  it('adds exactly what it reports, after all existing activity, keeping every invariant', () => {
    const { world, repo } = setup();
    const before = counts(repo);
    const oldHead = repo.commits[0]?.sha;
    const oldPushedAt = repo.pushedAt;
    const maxCommentId = Math.max(...world.repos.flatMap((r) => r.issueComments.map((c) => c.id)));
    const added = generateActivity(
      world,
      repo,
      { commits: 5, issues: 2, pullRequests: 2, comments: 6, reviews: 3, releases: 1 },
      99,
      NOW,
    );
    expect(added.commits).toHaveLength(5);
    expect(counts(repo)).toEqual({
      commits: before.commits + 5,
      issues: before.issues + 4,
      comments: before.comments + 6,
      reviews: before.reviews + 3,
      releases: before.releases + 1,
    });
    expect(repo.commits.slice(0, 5).map((c) => c.sha)).toEqual(added.commits);
    expect(repo.commits[4]?.parents).toEqual([oldHead]);
    expect(repo.pushedAt > oldPushedAt).toBe(true);
    expect(added.issues).toEqual([before.issues + 1, before.issues + 2]);
    expect(added.pullRequests).toEqual([before.issues + 3, before.issues + 4]);
    expect(Math.min(...added.comments)).toBeGreaterThan(maxCommentId);
    expect(repo.issueComments.map((c) => c.id)).toEqual(
      [...repo.issueComments.map((c) => c.id)].sort((a, b) => a - b),
    );
    for (const number of added.updatedIssues) {
      const issue = repo.issues.find((i) => i.number === number);
      expect(issue && issue.updatedAt > '2026-10-31T23:59:59Z').toBe(true);
    }
    expect(checkWorldInvariants(world, { contiguousNumbers: true, endIso: NOW.toISOString() })).toEqual([]);
  });

  it('is deterministic for a seed and moves on with a second call', () => {
    const a = setup();
    const b = setup();
    const first = generateActivity(a.world, a.repo, { commits: 3, comments: 2 }, 7, NOW);
    expect(generateActivity(b.world, b.repo, { commits: 3, comments: 2 }, 7, NOW)).toEqual(first);
    const second = generateActivity(
      a.world,
      a.repo,
      { commits: 1, issues: 1 },
      8,
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(a.repo.commits[0]?.parents).toEqual([first.commits[0]]);
    expect(second.issues[0]).toBe(a.repo.issues.length);
  });

  it('refuses gone and DMCA repositories and bad counts; an empty repository becomes normal on its first push', () => {
    const { world } = setup();
    const gone = world.repos.find((r) => r.status === 'gone') as SimRepo;
    expect(() => generateActivity(world, gone, { commits: 1 }, 1, NOW)).toThrow(/gone/);
    const empty = world.repos.find((r) => r.status === 'empty') as SimRepo;
    expect(() => generateActivity(world, empty, { commits: -1 }, 1, NOW)).toThrow(/integer/);
    const added = generateActivity(world, empty, { commits: 2 }, 1, NOW);
    expect(empty.status).toBe('ok');
    expect(empty.commits.map((c) => c.sha)).toEqual(added.commits);
    expect(empty.commits[1]?.parents).toEqual([]);
  });
});
