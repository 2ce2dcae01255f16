import type { EpochMs, ScoreInput } from './inputs.js';
import { memoByInput } from './memo-by-input.js';

export type ContributionKind = 'commit' | 'issue' | 'pull-request' | 'comment' | 'review';

export interface Contribution {
  readonly at: EpochMs;
  readonly authorKey: string;
  readonly kind: ContributionKind;
}

/**
 * Every human contribution at or before `asOf`: commits, issues and pull requests opened, comments
 * (issue and review comments) and submitted reviews, one event each. Bots are left out.
 */
export const listHumanContributions: (input: ScoreInput, asOf: EpochMs) => readonly Contribution[] =
  memoByInput(collectHumanContributions);

function collectHumanContributions(input: ScoreInput, asOf: EpochMs): readonly Contribution[] {
  const out: Contribution[] = [];
  for (const c of input.commits)
    if (!c.isBot && c.authoredAt <= asOf)
      out.push({ at: c.authoredAt, authorKey: c.authorKey, kind: 'commit' });
  for (const i of input.issues)
    if (!i.isBot && i.createdAt <= asOf)
      out.push({ at: i.createdAt, authorKey: i.authorKey, kind: i.isPullRequest ? 'pull-request' : 'issue' });
  for (const c of input.comments)
    if (!c.isBot && c.createdAt <= asOf)
      out.push({ at: c.createdAt, authorKey: c.authorKey, kind: 'comment' });
  for (const r of input.reviews)
    if (!r.isBot && r.submittedAt <= asOf)
      out.push({ at: r.submittedAt, authorKey: r.authorKey, kind: 'review' });
  return out;
}

/** Distinct authors of the given contributions. */
export function distinctAuthors(contributions: Iterable<Contribution>): Set<string> {
  const authors = new Set<string>();
  for (const c of contributions) authors.add(c.authorKey);
  return authors;
}

export function countByAuthor(contributions: Iterable<Contribution>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of contributions) counts.set(c.authorKey, (counts.get(c.authorKey) ?? 0) + 1);
  return counts;
}
