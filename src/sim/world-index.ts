import { JsonComposer } from './render/json-composer.js';
import type { SimIssue, SimIssueComment, SimRepo, SimReview, SimUser, World } from './world.js';

/**
 * Lookups the REST layer needs on every request, built once and rebuilt only when the world
 * changes, so that serving a page never scans a big repository. A repository's derived index is
 * keyed by a cheap fingerprint (array lengths and timestamps): appending activity — as
 * generateActivity does — changes it; call `invalidate()` after editing items in place.
 */
export class WorldIndex {
  private version = 0;
  private names: NameIndex;
  private readonly repoIndexes = new WeakMap<SimRepo, RepoIndex>();

  constructor(readonly world: World) {
    this.names = new NameIndex(world, '');
  }

  invalidate(): void {
    this.version += 1;
  }

  repoByFullName(owner: string, name: string): { repo: SimRepo; renamed: boolean } | undefined {
    return this.nameIndex().repoByFullName(owner, name);
  }

  repoById(id: number): SimRepo | undefined {
    return this.nameIndex().reposById.get(id);
  }

  userByLogin(login: string): SimUser | undefined {
    return this.nameIndex().usersByLogin.get(login.toLowerCase());
  }

  userById(id: number): SimUser | undefined {
    return this.nameIndex().usersById.get(id);
  }

  reposOwnedBy(login: string): SimRepo[] {
    return this.nameIndex().reposByOwner.get(login.toLowerCase()) ?? [];
  }

  /** The owner account; worlds may omit it, then a stable synthetic account stands in. */
  ownerOf(repo: SimRepo): SimUser {
    return this.userByLogin(repo.owner) ?? syntheticAccount(repo.owner, repo.createdAt);
  }

  /** A user referenced by login in the world, or a stable synthetic one if the world lacks it. */
  userOrSynthetic(login: string): SimUser {
    return this.userByLogin(login) ?? syntheticAccount(login, '2008-01-01T00:00:00Z');
  }

  /**
   * Changes whenever anything a response may depend on changes: `invalidate()`, accounts or
   * repositories added, or any repository's fingerprint (O(repositories)).
   */
  generation(): string {
    let key = `${this.version}|${this.world.users.length}|${this.world.repos.length}`;
    for (const repo of this.world.repos) key += `\n${repo.id}|${repoFingerprint(repo, this.version)}`;
    return key;
  }

  repo(repo: SimRepo): RepoIndex {
    const fingerprint = repoFingerprint(repo, this.version);
    let index = this.repoIndexes.get(repo);
    if (index === undefined || index.fingerprint !== fingerprint) {
      index = new RepoIndex(repo, fingerprint);
      this.repoIndexes.set(repo, index);
    }
    return index;
  }

  private nameIndex(): NameIndex {
    const key = `${this.version}|${this.world.repos.length}|${this.world.users.length}`;
    if (this.names.key !== key) this.names = new NameIndex(this.world, key);
    return this.names;
  }
}

class NameIndex {
  readonly reposByName = new Map<string, SimRepo>();
  readonly formerNames = new Map<string, SimRepo>();
  readonly reposById = new Map<number, SimRepo>();
  readonly reposByOwner = new Map<string, SimRepo[]>();
  readonly usersByLogin = new Map<string, SimUser>();
  readonly usersById = new Map<number, SimUser>();

  constructor(
    world: World,
    readonly key: string,
  ) {
    if (key === '') return;
    for (const user of world.users) {
      this.usersByLogin.set(user.login.toLowerCase(), user);
      this.usersById.set(user.id, user);
    }
    for (const repo of world.repos) {
      this.reposByName.set(`${repo.owner}/${repo.name}`.toLowerCase(), repo);
      this.reposById.set(repo.id, repo);
      const owned = this.reposByOwner.get(repo.owner.toLowerCase()) ?? [];
      owned.push(repo);
      this.reposByOwner.set(repo.owner.toLowerCase(), owned);
      for (const former of repo.formerNames) this.formerNames.set(former.toLowerCase(), repo);
    }
  }

  repoByFullName(owner: string, name: string): { repo: SimRepo; renamed: boolean } | undefined {
    const key = `${owner}/${name}`.toLowerCase();
    const repo = this.reposByName.get(key);
    if (repo !== undefined) return { repo, renamed: false };
    const moved = this.formerNames.get(key);
    return moved === undefined ? undefined : { repo: moved, renamed: true };
  }
}

function repoFingerprint(repo: SimRepo, version: number): string {
  return [
    version,
    repo.owner,
    repo.name,
    repo.status,
    repo.updatedAt,
    repo.pushedAt,
    repo.commits.length,
    repo.issues.length,
    repo.issueComments.length,
    repo.reviews.length,
    repo.reviewComments.length,
    repo.releases.length,
  ].join('|');
}

/** Synthetic ids live far above generated ones so they never collide. */
function syntheticAccount(login: string, createdAt: string): SimUser {
  let hash = 2166136261;
  for (let i = 0; i < login.length; i++) hash = Math.imul(hash ^ login.toLowerCase().charCodeAt(i), 16777619);
  return {
    id: 900_000_000 + ((hash >>> 0) % 90_000_000),
    login,
    type: 'Organization',
    name: null,
    company: null,
    blog: null,
    location: null,
    email: null,
    bio: null,
    twitterUsername: null,
    createdAt,
    updatedAt: createdAt,
  };
}

const MAX_QUERY_CACHE = 32;

/** Derived data for one repository at one fingerprint. */
export class RepoIndex {
  readonly issuesByNumber = new Map<number, SimIssue>();
  readonly commentsByIssue = new Map<number, SimIssueComment[]>();
  readonly reviewsByPull = new Map<number, SimReview[]>();
  readonly reviewCommentCountByPull = new Map<number, number>();
  readonly pulls: SimIssue[] = [];
  private positions: Map<string, number> | undefined;
  private authorLogins: Set<string> | undefined;
  readonly openIssuesCount: number;
  /** Memoised filtered/sorted lists, keyed by the query without page/per_page. */
  private readonly queryCache = new Map<string, unknown[]>();

  constructor(
    readonly repo: SimRepo,
    readonly fingerprint: string,
  ) {
    let open = 0;
    for (const issue of repo.issues) {
      this.issuesByNumber.set(issue.number, issue);
      if (issue.pullRequest !== null) this.pulls.push(issue);
      if (issue.state === 'open') open += 1;
    }
    this.openIssuesCount = open;
    for (const comment of repo.issueComments) pushTo(this.commentsByIssue, comment.issueNumber, comment);
    for (const [issueNumber, list] of this.commentsByIssue) {
      this.commentsByIssue.set(issueNumber, sortedByCreatedThenId(list));
    }
    for (const review of repo.reviews) pushTo(this.reviewsByPull, review.pullNumber, review);
    for (const list of this.reviewsByPull.values()) list.sort((a, b) => a.id - b.id);
    for (const comment of repo.reviewComments) {
      this.reviewCommentCountByPull.set(
        comment.pullNumber,
        (this.reviewCommentCountByPull.get(comment.pullNumber) ?? 0) + 1,
      );
    }
  }

  /** History position by sha (built on first use: a million-commit repository takes a while). */
  get commitPosition(): Map<string, number> {
    if (this.positions === undefined) {
      const positions = new Map<string, number>();
      this.repo.commits.forEach((commit, position) => positions.set(commit.sha, position));
      this.positions = positions;
    }
    return this.positions;
  }

  /** Lowercase logins linked to default-branch commits (for `author_association`). */
  get commitAuthorLogins(): Set<string> {
    if (this.authorLogins === undefined) {
      const logins = new Set<string>();
      for (const commit of this.repo.commits)
        if (commit.authorLogin !== null) logins.add(commit.authorLogin.toLowerCase());
      this.authorLogins = logins;
    }
    return this.authorLogins;
  }

  private committerTimes: Float64Array | undefined;

  /** Committer instants (epoch ms) by history position, parsed once (offset dates parse slowly). */
  committerMs(): Float64Array {
    if (this.committerTimes === undefined) {
      const times = new Float64Array(this.repo.commits.length);
      this.repo.commits.forEach((commit, position) => (times[position] = Date.parse(commit.committer.date)));
      this.committerTimes = times;
    }
    return this.committerTimes;
  }

  commentCount(issueNumber: number): number {
    return this.commentsByIssue.get(issueNumber)?.length ?? 0;
  }

  /** Returns the cached list for `key`, computing it once (bounded, oldest evicted first). */
  cachedList<T>(key: string, compute: () => T[]): T[] {
    const hit = this.queryCache.get(key);
    if (hit !== undefined) return hit as T[];
    const list = compute();
    if (this.queryCache.size >= MAX_QUERY_CACHE) {
      const oldest = this.queryCache.keys().next().value;
      if (oldest !== undefined) this.queryCache.delete(oldest);
    }
    this.queryCache.set(key, list);
    return list;
  }

  private readonly embedded = new Map<string, string>();
  private readonly embeddedUsers = new Map<string, Map<string, string>>();

  /**
   * A simple user's cached JSON per API base and login: looked up for every list item, so keyed by
   * the world's own strings (their hashes are cached) rather than a key built per lookup.
   */
  embeddedUserJson(api: string, login: string, render: () => string): string {
    let byLogin = this.embeddedUsers.get(api);
    if (byLogin === undefined) {
      byLogin = new Map();
      this.embeddedUsers.set(api, byLogin);
    }
    let json = byLogin.get(login);
    if (json === undefined) {
      json = render();
      byLogin.set(login, json);
    }
    return json;
  }

  /** Cached JSON of an object embedded in many items (a user, the repository summary). */
  embeddedJson(key: string, render: () => string): string {
    let json = this.embedded.get(key);
    if (json === undefined) {
      json = render();
      this.embedded.set(key, json);
    }
    return json;
  }

  /** One item's JSON, with embedded users and repository summaries spliced in from cache. */
  itemJson(render: (composer: JsonComposer) => unknown): string {
    const composer = new JsonComposer();
    return composer.stringify(render(composer));
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Sorted by creation instant, then id; each date is parsed once, not once per comparison. */
function sortedByCreatedThenId<T extends { createdAt: string; id: number }>(items: T[]): T[] {
  if (items.length < 2) return items;
  const keys = items.map((item) => Date.parse(item.createdAt));
  const order = items.map((_item, position) => position);
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || (items[a] as T).id - (items[b] as T).id);
  return order.map((position) => items[position] as T);
}
