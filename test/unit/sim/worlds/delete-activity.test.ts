import { describe, expect, it } from '@jest/globals';
import type { SimRepo, World } from '../../../../src/sim/world.js';
import { deleteActivity, loadSampleWorld } from '../../../../src/sim/worlds/index.js';
import { checkWorldInvariants } from '../../../support/check-world-invariants.js';

function setup(): { world: World; repo: SimRepo } {
  const world = loadSampleWorld();
  const repo = world.repos.find((r) => r.issueComments.length > 20 && r.reviewComments.length > 5) as SimRepo;
  return { world, repo };
}

describe('deleteActivity', () => {
  it('removes exactly what it reports: issues with their comments, comments, review comments', () => {
    const { world, repo } = setup();
    const issuesBefore = repo.issues.map((i) => i.id);
    const commentsBefore = repo.issueComments.map((c) => c.id);
    const reviewCommentsBefore = repo.reviewComments.map((c) => c.id);
    const pullRequestsBefore = repo.issues.filter((i) => i.pullRequest).length;
    const deleted = deleteActivity(repo, { deleteComments: 5, deleteIssues: 2, deleteReviewComments: 3 }, 7);

    expect(deleted.issues).toHaveLength(2);
    expect(deleted.reviewComments).toHaveLength(3);
    expect(deleted.comments.length).toBeGreaterThanOrEqual(5);
    expect(repo.issues.map((i) => i.id)).toEqual(issuesBefore.filter((id) => !deleted.issueIds.includes(id)));
    expect(repo.issueComments.map((c) => c.id)).toEqual(
      commentsBefore.filter((id) => !deleted.comments.includes(id)),
    );
    expect(repo.reviewComments.map((c) => c.id)).toEqual(
      reviewCommentsBefore.filter((id) => !deleted.reviewComments.includes(id)),
    );
    // No comment is left on a deleted issue, and pull requests are never deleted.
    expect(repo.issueComments.filter((c) => deleted.issues.includes(c.issueNumber))).toEqual([]);
    expect(repo.issues.filter((i) => i.pullRequest)).toHaveLength(pullRequestsBefore);
    expect(checkWorldInvariants(world)).toEqual([]);
  });

  it('removes published releases only, exactly those it reports', () => {
    const { world, repo } = setup();
    const published = repo.releases.filter((r) => !r.draft).map((r) => r.id);
    expect(published.length).toBeGreaterThanOrEqual(2);
    const deleted = deleteActivity(repo, { deleteReleases: 2 }, 5);
    expect(deleted.releases).toHaveLength(2);
    expect(deleted.releases.every((id) => published.includes(id))).toBe(true);
    expect(repo.releases.filter((r) => deleted.releases.includes(r.id))).toEqual([]);
    expect(repo.releases.filter((r) => !r.draft)).toHaveLength(published.length - 2);
    expect(deleted.issues).toEqual([]);
    expect(checkWorldInvariants(world)).toEqual([]);
  });

  it('is deterministic for a seed and takes at most what there is', () => {
    const a = setup();
    const b = setup();
    expect(deleteActivity(a.repo, { deleteComments: 4 }, 3)).toEqual(
      deleteActivity(b.repo, { deleteComments: 4 }, 3),
    );
    const all = deleteActivity(a.repo, { deleteReviewComments: 1_000_000 }, 1);
    expect(a.repo.reviewComments).toEqual([]);
    expect(all.reviewComments.length).toBeGreaterThan(0);
  });
});
