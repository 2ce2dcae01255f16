/**
 * Gives generated entities their GitHub ids: unique per entity type within the world and growing with
 * creation time, as GitHub's do. Bases sit above 2^31 for issues, comments and reviews, as real ids
 * now do, so 32-bit columns fail in tests rather than in production.
 */
import type { SimIssue, SimIssueComment, SimRelease, SimReview, SimReviewComment, World } from '../world.js';
import { randomInt, type Rng } from '../rng.js';
import type { ActivityLinks } from './repo-activity.js';

export const ID_BASES = {
  issue: 2_200_000_000,
  issueComment: 2_400_000_000,
  review: 2_100_000_000,
  reviewComment: 1_800_000_000,
  release: 150_000_000,
} as const;

function byTime<T>(items: T[], timeOf: (item: T) => string): T[] {
  return items.sort((a, b) => {
    const ta = timeOf(a);
    const tb = timeOf(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

function number<T extends { id: number }>(rng: Rng, items: T[], base: number): void {
  let id = base;
  for (const item of items) {
    id += randomInt(rng, 1, 40);
    item.id = id;
  }
}

const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;

/** Numbers every issue, comment, review, review comment and release of the world (in place). */
export function assignWorldIds(rng: Rng, world: World, links: ActivityLinks[]): void {
  const issues: SimIssue[] = [];
  const comments: SimIssueComment[] = [];
  const reviews: SimReview[] = [];
  const reviewComments: SimReviewComment[] = [];
  const releases: SimRelease[] = [];
  for (const repo of world.repos) {
    issues.push(...repo.issues);
    comments.push(...repo.issueComments);
    reviews.push(...repo.reviews);
    reviewComments.push(...repo.reviewComments);
    releases.push(...repo.releases);
  }
  number(
    rng,
    byTime(issues, (i) => i.createdAt),
    ID_BASES.issue,
  );
  number(
    rng,
    byTime(comments, (c) => c.createdAt),
    ID_BASES.issueComment,
  );
  number(
    rng,
    byTime(reviews, (r) => r.submittedAt ?? ''),
    ID_BASES.review,
  );
  number(
    rng,
    byTime(reviewComments, (c) => c.createdAt),
    ID_BASES.reviewComment,
  );
  number(
    rng,
    byTime(releases, (r) => r.createdAt),
    ID_BASES.release,
  );
  for (const link of links)
    for (const [comment, review] of link.reviewOfComment) comment.reviewId = review.id;
  for (const repo of world.repos) {
    repo.issues.sort((a, b) => a.number - b.number);
    repo.issueComments.sort(byId);
    repo.reviews.sort(byId);
    repo.reviewComments.sort(byId);
    repo.releases.sort(byId);
  }
}
