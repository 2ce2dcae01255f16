/**
 * The simulator's world: everything GitHub would hold for a set of repositories, in memory.
 * Shared by the REST server (src/sim/rest), GraphQL (src/sim/graphql) and world builders
 * (src/sim/worlds). Dates are ISO 8601 strings. Commit dates keep the author's original UTC offset
 * (`2024-06-27T13:04:09+08:00`); REST renders them in UTC `Z` as GitHub does, GraphQL keeps them.
 */

export interface SimUser {
  id: number;
  login: string;
  /** GitHub account type; bots are `Bot` with a `[bot]` login suffix. */
  type: 'User' | 'Bot' | 'Organization';
  name: string | null;
  company: string | null;
  blog: string | null;
  location: string | null;
  email: string | null;
  bio: string | null;
  twitterUsername: string | null;
  createdAt: string;
  updatedAt: string;
  /** Ground truth for geography tests and benchmarks: ISO 3166-1 alpha-2, or null when unknown. Never served. */
  trueCountry?: string | null;
}

export interface SimGitActor {
  name: string;
  email: string;
  /** ISO 8601 with the original offset. */
  date: string;
}

export interface SimCommit {
  sha: string;
  parents: string[];
  message: string;
  author: SimGitActor;
  committer: SimGitActor;
  /** GitHub user linked to the author/committer email, when GitHub can link it. */
  authorLogin: string | null;
  committerLogin: string | null;
  additions: number;
  deletions: number;
  changedFiles: number;
}

export interface SimPullRequestPart {
  merged: boolean;
  mergedAt: string | null;
  mergedByLogin: string | null;
  draft: boolean;
  headRef: string;
  baseRef: string;
  additions: number;
  deletions: number;
  changedFiles: number;
}

/** Issues and pull requests share one number sequence, as on GitHub. */
export interface SimIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  /** null = the author's account was deleted (GitHub shows "ghost"). */
  userLogin: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  locked: boolean;
  labels: string[];
  assigneeLogins: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedByLogin: string | null;
  /** Present for pull requests. */
  pullRequest: SimPullRequestPart | null;
}

export interface SimIssueComment {
  id: number;
  issueNumber: number;
  userLogin: string | null;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimReview {
  id: number;
  pullNumber: number;
  userLogin: string | null;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  body: string;
  submittedAt: string | null;
  commitId: string;
}

/** Pull request review comments (on diff lines): `GET /repos/{o}/{r}/pulls/comments`. */
export interface SimReviewComment {
  id: number;
  pullNumber: number;
  reviewId: number | null;
  userLogin: string | null;
  body: string;
  path: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimRelease {
  id: number;
  tagName: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  authorLogin: string | null;
  createdAt: string;
  publishedAt: string | null;
}

/**
 * How the repository answers. `ok` is normal; `empty` has no commits (409 on commits, 204 on
 * contributors); `gone` answers 404 everywhere; `dmca` answers 451 ("Repository access blocked").
 */
export type SimRepoStatus = 'ok' | 'empty' | 'gone' | 'dmca';

export interface SimRepo {
  id: number;
  owner: string;
  name: string;
  /** Earlier full names (`owner/name`); requests to them answer 301 to `/repositories/{id}`. */
  formerNames: string[];
  status: SimRepoStatus;
  description: string | null;
  homepage: string | null;
  language: string | null;
  license: { key: string; name: string; spdxId: string } | null;
  topics: string[];
  defaultBranch: string;
  fork: boolean;
  archived: boolean;
  disabled: boolean;
  visibility: 'public' | 'private' | 'internal';
  stargazersCount: number;
  forksCount: number;
  watchersCount: number;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  /** Default-branch history, newest first (the order `git rev-list HEAD` gives). */
  commits: SimCommit[];
  /** Issues and pull requests, ascending by number. */
  issues: SimIssue[];
  issueComments: SimIssueComment[];
  reviews: SimReview[];
  reviewComments: SimReviewComment[];
  releases: SimRelease[];
}

export interface World {
  /** Users, bots and organisations, unique by id and by login (case-insensitive, as GitHub). */
  users: SimUser[];
  repos: SimRepo[];
  /**
   * Ground truth by lower-case commit e-mail for generated identities — those no account is linked
   * to, and also linked people's commit addresses (their commits may lose the link, e.g. when the
   * account is deleted): ISO 3166-1 alpha-2 or null. For measuring geography on commits; never served.
   */
  trueCountryByEmail?: Record<string, string | null>;
}
