import type { SimIssue, SimIssueComment, SimRelease, SimRepo, SimReview, SimUser, World } from '../world.js';

/**
 * Lookups over a World, built lazily and cached per array. The world is mutated between requests
 * (the simulator's *mutate* appends activity), so each cache remembers the length of the array it
 * was built from and is rebuilt when that changes; in-place edits of an item (an issue's updatedAt)
 * do not affect these keys.
 */
function cachedBy<A extends object, V>(
  cache: WeakMap<A, { length: number; value: V }>,
  array: A & { length: number },
  build: () => V,
): V {
  const hit = cache.get(array);
  if (hit && hit.length === array.length) return hit.value;
  const value = build();
  cache.set(array, { length: array.length, value });
  return value;
}

interface UserIndex {
  byLogin: Map<string, SimUser>;
  byId: Map<number, SimUser>;
}
const userIndexes = new WeakMap<SimUser[], { length: number; value: UserIndex }>();

function userIndex(world: World): UserIndex {
  return cachedBy(userIndexes, world.users, () => {
    const byLogin = new Map<string, SimUser>();
    const byId = new Map<number, SimUser>();
    for (const user of world.users) {
      byLogin.set(user.login.toLowerCase(), user);
      byId.set(user.id, user);
    }
    return { byLogin, byId };
  });
}

/** Logins are case-insensitive on GitHub. */
export function findUserByLogin(world: World, login: string): SimUser | undefined {
  return userIndex(world).byLogin.get(login.toLowerCase());
}

export function findUserById(world: World, id: number): SimUser | undefined {
  return userIndex(world).byId.get(id);
}

/**
 * A repository by its current name, or (when `followRenames`) by a former one. A scan: worlds hold
 * at most thousands of repositories, and renames edit names in place.
 */
export function findRepoByName(
  world: World,
  owner: string,
  name: string,
  followRenames: boolean,
): SimRepo | undefined {
  const fullName = `${owner}/${name}`.toLowerCase();
  const current = world.repos.find((r) => `${r.owner}/${r.name}`.toLowerCase() === fullName);
  if (current || !followRenames) return current;
  return world.repos.find((r) => r.formerNames.some((former) => former.toLowerCase() === fullName));
}

export function findRepoById(world: World, id: number): SimRepo | undefined {
  return world.repos.find((r) => r.id === id);
}

const issuesByNumber = new WeakMap<SimIssue[], { length: number; value: Map<number, SimIssue> }>();
const issuesById = new WeakMap<SimIssue[], { length: number; value: Map<number, SimIssue> }>();

export function findIssueByNumber(repo: SimRepo, number: number): SimIssue | undefined {
  return cachedBy(issuesByNumber, repo.issues, () => new Map(repo.issues.map((i) => [i.number, i]))).get(
    number,
  );
}

/** An issue or pull request anywhere in the world by its database id (for `nodes(ids:)`). */
export function findIssueById(world: World, id: number): { repo: SimRepo; issue: SimIssue } | undefined {
  for (const repo of world.repos) {
    const issue = cachedBy(issuesById, repo.issues, () => new Map(repo.issues.map((i) => [i.id, i]))).get(id);
    if (issue) return { repo, issue };
  }
  return undefined;
}

const reviewsByPull = new WeakMap<SimReview[], { length: number; value: Map<number, SimReview[]> }>();

/** Reviews of one pull request in submission order (the world keeps them in creation order). */
export function reviewsOf(repo: SimRepo, pullNumber: number): SimReview[] {
  return (
    cachedBy(reviewsByPull, repo.reviews, () => groupBy(repo.reviews, (r) => r.pullNumber)).get(pullNumber) ??
    []
  );
}

export function findReviewById(world: World, id: number): { repo: SimRepo; review: SimReview } | undefined {
  for (const repo of world.repos) {
    const review = repo.reviews.find((r) => r.id === id);
    if (review) return { repo, review };
  }
  return undefined;
}

const commentsByIssue = new WeakMap<
  SimIssueComment[],
  { length: number; value: Map<number, SimIssueComment[]> }
>();

export function commentsOf(repo: SimRepo, issueNumber: number): SimIssueComment[] {
  return (
    cachedBy(commentsByIssue, repo.issueComments, () =>
      groupBy(repo.issueComments, (c) => c.issueNumber),
    ).get(issueNumber) ?? []
  );
}

export function findReleaseById(
  world: World,
  id: number,
): { repo: SimRepo; release: SimRelease } | undefined {
  for (const repo of world.repos) {
    const release = repo.releases.find((r) => r.id === id);
    if (release) return { repo, release };
  }
  return undefined;
}

function groupBy<T>(items: T[], keyOf: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const commitAuthors = new WeakMap<SimRepo['commits'], { length: number; value: Set<string> }>();

/** Lower-cased logins linked to default-branch commits (for `authorAssociation: CONTRIBUTOR`). */
export function commitAuthorLogins(repo: SimRepo): Set<string> {
  return cachedBy(commitAuthors, repo.commits, () => {
    const logins = new Set<string>();
    for (const commit of repo.commits) if (commit.authorLogin) logins.add(commit.authorLogin.toLowerCase());
    return logins;
  });
}
