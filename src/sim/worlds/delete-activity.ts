/**
 * Removes activity from a repository of a live world (the simulator's /_sim/mutate), so crawler
 * tests can check that a reconciliation removes exactly what GitHub no longer lists. Which items go
 * is drawn from `seed`, so the same call on the same world always removes the same ones. As on
 * GitHub, only issues can be deleted (not pull requests), and an issue goes with its comments.
 * Releases are drawn among the published ones (drafts are not listed anyway).
 * Nothing else changes: no issue's `updatedAt` moves, so no `since` read ever notices.
 */
import type { SimRepo } from '../world.js';
import { mulberry32, type Rng } from '../rng.js';

export interface DeletionCounts {
  /** Issue comments. */
  deleteComments?: number;
  /** Issues (never pull requests), with their comments. */
  deleteIssues?: number;
  deleteReviewComments?: number;
  deleteReleases?: number;
}

export interface ActivityDeleted {
  repo: string;
  /** Numbers of the deleted issues. */
  issues: number[];
  /** GitHub ids of the deleted issues. */
  issueIds: number[];
  /** Ids of the deleted issue comments (those of deleted issues included). */
  comments: number[];
  reviewComments: number[];
  /** Ids of the deleted releases. */
  releases: number[];
}

export function deleteActivity(repo: SimRepo, counts: DeletionCounts, seed: number): ActivityDeleted {
  const rng = mulberry32(seed);
  const issues = drawFrom(
    repo.issues.filter((i) => !i.pullRequest),
    counts.deleteIssues ?? 0,
    rng,
  );
  const goneNumbers = new Set(issues.map((i) => i.number));
  const comments = drawFrom(
    repo.issueComments.filter((c) => !goneNumbers.has(c.issueNumber)),
    counts.deleteComments ?? 0,
    rng,
  );
  const goneComments = new Set(comments.map((c) => c.id));
  for (const c of repo.issueComments) if (goneNumbers.has(c.issueNumber)) goneComments.add(c.id);
  const reviewComments = new Set(
    drawFrom(repo.reviewComments, counts.deleteReviewComments ?? 0, rng).map((c) => c.id),
  );
  const releases = new Set(
    drawFrom(
      repo.releases.filter((r) => !r.draft),
      counts.deleteReleases ?? 0,
      rng,
    ).map((r) => r.id),
  );

  repo.issues = repo.issues.filter((i) => !goneNumbers.has(i.number));
  repo.issueComments = repo.issueComments.filter((c) => !goneComments.has(c.id));
  repo.reviewComments = repo.reviewComments.filter((c) => !reviewComments.has(c.id));
  repo.releases = repo.releases.filter((r) => !releases.has(r.id));
  return {
    repo: `${repo.owner}/${repo.name}`,
    issues: [...goneNumbers].sort((a, b) => a - b),
    issueIds: issues.map((i) => i.id).sort((a, b) => a - b),
    comments: [...goneComments].sort((a, b) => a - b),
    reviewComments: [...reviewComments].sort((a, b) => a - b),
    releases: [...releases].sort((a, b) => a - b),
  };
}

/** `n` distinct items drawn by `rng` (all of them when there are fewer). */
function drawFrom<T>(items: readonly T[], n: number, rng: Rng): T[] {
  const pool = [...items];
  const drawn: T[] = [];
  while (drawn.length < n && pool.length > 0) {
    const index = Math.floor(rng() * pool.length);
    drawn.push(pool[index] as T);
    pool[index] = pool[pool.length - 1] as T;
    pool.pop();
  }
  return drawn;
}
