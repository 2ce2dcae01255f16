import type { CommitRecord } from '../../src/store/commit.store.js';
import type { ContributorRecord } from '../../src/store/contributor.store.js';
import type {
  IssueCommentRecord,
  ReviewCommentRecord,
  ReviewRecord,
} from '../../src/store/discussion.store.js';
import type { IssueRecord } from '../../src/store/issue.store.js';
import type { ReleaseRecord } from '../../src/store/release.store.js';
import type { GithubUserProfile } from '../../src/store/user.store.js';

/*
 * Deterministic store records for tests: `makeCommit(7)` is always the same commit; pass overrides
 * for the fields a test cares about.
 */

const BASE_MS = Date.UTC(2024, 0, 1);
const at = (i: number) => new Date(BASE_MS + i * 60_000);

export function makeCommit(i: number, overrides: Partial<CommitRecord> = {}): CommitRecord {
  return {
    sha: i.toString(16).padStart(40, '0'),
    authorName: `Dev ${i % 50}`,
    authorEmail: `dev${i % 50}@example.com`,
    authorLogin: i % 3 === 0 ? null : `dev${i % 50}`,
    authorUserId: i % 3 === 0 ? null : 1000 + (i % 50),
    authoredAt: at(i),
    authorUtcOffsetMinutes: 480,
    committerName: 'GitHub',
    committerEmail: 'noreply@github.com',
    committerLogin: null,
    committerUserId: null,
    committedAt: at(i),
    committerUtcOffsetMinutes: 0,
    additions: i % 100,
    deletions: i % 7,
    changedFiles: 1 + (i % 5),
    messageHeadline: `Change ${i}`,
    parentCount: i % 10 === 0 ? 2 : 1,
    ...overrides,
  };
}

export function makeIssue(number: number, overrides: Partial<IssueRecord> = {}): IssueRecord {
  const isPullRequest = number % 2 === 0;
  return {
    number,
    githubId: 500_000 + number,
    isPullRequest,
    title: `Issue ${number}`,
    authorLogin: `dev${number % 50}`,
    authorUserId: 1000 + (number % 50),
    authorAssociation: 'CONTRIBUTOR',
    state: number % 3 === 0 ? 'closed' : 'open',
    stateReason: null,
    locked: false,
    labels: ['bug'],
    commentCount: 1,
    bodyLength: 120,
    createdAt: at(number),
    updatedAt: at(number + 10),
    closedAt: number % 3 === 0 ? at(number + 10) : null,
    closedByLogin: null,
    mergedAt: null,
    mergedByLogin: null,
    draft: isPullRequest ? false : null,
    additions: isPullRequest ? 10 : null,
    deletions: isPullRequest ? 2 : null,
    changedFiles: isPullRequest ? 1 : null,
    ...overrides,
  };
}

export function makeIssueComment(i: number, overrides: Partial<IssueCommentRecord> = {}): IssueCommentRecord {
  return {
    githubId: 900_000 + i,
    issueNumber: 1 + (i % 20),
    authorLogin: `dev${i % 50}`,
    authorUserId: 1000 + (i % 50),
    authorAssociation: 'MEMBER',
    createdAt: at(i + 5),
    updatedAt: at(i + 6),
    bodyLength: 42,
    ...overrides,
  };
}

export function makeReview(i: number, overrides: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    githubId: 700_000 + i,
    pullNumber: 2 * (1 + (i % 10)),
    authorLogin: `dev${i % 50}`,
    authorUserId: 1000 + (i % 50),
    authorAssociation: 'MEMBER',
    state: 'APPROVED',
    submittedAt: at(i + 20),
    bodyLength: 0,
    ...overrides,
  };
}

export function makeReviewComment(
  i: number,
  overrides: Partial<ReviewCommentRecord> = {},
): ReviewCommentRecord {
  return {
    githubId: 800_000 + i,
    pullNumber: 2 * (1 + (i % 10)),
    reviewGithubId: 700_000 + i,
    inReplyToGithubId: null,
    authorLogin: `dev${i % 50}`,
    authorUserId: 1000 + (i % 50),
    authorAssociation: 'MEMBER',
    createdAt: at(i + 21),
    updatedAt: at(i + 21),
    bodyLength: 10,
    ...overrides,
  };
}

export function makeRelease(i: number, overrides: Partial<ReleaseRecord> = {}): ReleaseRecord {
  return {
    githubId: 600_000 + i,
    tagName: `v1.${i}.0`,
    name: `Release 1.${i}`,
    draft: false,
    prerelease: false,
    authorLogin: 'dev1',
    authorUserId: 1001,
    createdAt: at(i * 100),
    publishedAt: at(i * 100 + 1),
    ...overrides,
  };
}

export function makeContributor(i: number, overrides: Partial<ContributorRecord> = {}): ContributorRecord {
  const anonymous = i % 4 === 3;
  return {
    login: anonymous ? null : `dev${i}`,
    userId: anonymous ? null : 1000 + i,
    email: anonymous ? `anon${i}@example.com` : null,
    name: anonymous ? `Anon ${i}` : null,
    contributions: 100 - i,
    isAnonymous: anonymous,
    ...overrides,
  };
}

export function makeUserProfile(i: number, overrides: Partial<GithubUserProfile> = {}): GithubUserProfile {
  return {
    id: 1000 + i,
    login: `dev${i}`,
    type: 'User',
    isBot: false,
    name: `Dev ${i}`,
    company: null,
    blog: null,
    location: i % 2 === 0 ? 'Hangzhou, Zhejiang' : 'Berlin',
    email: null,
    bio: null,
    twitterUsername: null,
    createdAt: at(-100_000),
    updatedAtGithub: at(-10),
    observedAt: at(1_000_000),
    ...overrides,
  };
}
