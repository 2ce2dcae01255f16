/**
 * Appends new activity to a repository of a live world (the simulator's /_sim/mutate), so crawler
 * tests can check that an incremental crawl stores exactly the new rows. Everything added is dated
 * after all existing activity and no later than `now` (when there is room), gets the next numbers and
 * world-wide ids, and is reported back.
 */
import type { SimCommit, SimIssue, SimRepo, SimUser, World } from '../world.js';
import { VitalsError } from '../../shared/errors.js';
import { hexString, mulberry32, pick, randomInt, type Rng } from '../rng.js';
import { noreplyEmail } from './people.js';
import { commentBody, commitSubject, issueTitle, pullTitle, releaseNotes } from './texts.js';
import { formatUtc, formatWithOffset } from './time-zones.js';

export interface ActivityCounts {
  commits?: number;
  issues?: number;
  pullRequests?: number;
  comments?: number;
  reviews?: number;
  releases?: number;
}

export interface ActivityAdded {
  repo: string;
  /** New commit shas, newest first (the new head is first). */
  commits: string[];
  issues: number[];
  pullRequests: number[];
  /** Issue comment ids. */
  comments: number[];
  reviews: number[];
  releases: number[];
  /** Numbers of pre-existing issues/PRs whose updatedAt moved (they got comments or reviews). */
  updatedIssues: number[];
}

interface Actor {
  user: SimUser;
  offsetMinutes: number;
}

function latestActivityMs(repo: SimRepo): number {
  let latest = Math.max(Date.parse(repo.createdAt), Date.parse(repo.pushedAt), Date.parse(repo.updatedAt));
  const consider = (date: string | null): void => {
    if (date) latest = Math.max(latest, Date.parse(date));
  };
  const head = repo.commits[0];
  if (head) consider(head.committer.date);
  for (const issue of repo.issues) consider(issue.updatedAt);
  for (const comment of repo.issueComments) consider(comment.updatedAt);
  for (const review of repo.reviews) consider(review.submittedAt);
  for (const comment of repo.reviewComments) consider(comment.updatedAt);
  for (const release of repo.releases) consider(release.publishedAt ?? release.createdAt);
  return latest;
}

function maxId(items: Iterable<{ id: number }>, floor: number): number {
  let max = floor;
  for (const item of items) if (item.id > max) max = item.id;
  return max;
}

function offsetOf(date: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(date);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The repository's own people (with the offset of their latest commit), else any person of the world. */
function actorsOf(world: World, repo: SimRepo): Actor[] {
  const byLogin = new Map(world.users.map((u) => [u.login.toLowerCase(), u]));
  const found = new Map<string, Actor>();
  for (const commit of repo.commits) {
    const user = commit.authorLogin ? byLogin.get(commit.authorLogin.toLowerCase()) : undefined;
    if (user && user.type === 'User' && !found.has(user.login))
      found.set(user.login, { user, offsetMinutes: offsetOf(commit.author.date) });
  }
  for (const issue of repo.issues) {
    const user = issue.userLogin ? byLogin.get(issue.userLogin.toLowerCase()) : undefined;
    if (user && user.type === 'User' && !found.has(user.login))
      found.set(user.login, { user, offsetMinutes: 0 });
  }
  if (found.size === 0)
    for (const user of world.users)
      if (user.type === 'User') found.set(user.login, { user, offsetMinutes: 0 });
  if (found.size === 0) throw new VitalsError('INPUT_INVALID', 'Cannot add activity: the world has no users');
  return [...found.values()].sort((a, b) => a.user.id - b.user.id);
}

function nextVersion(repo: SimRepo): string {
  const last = [...repo.releases].sort((a, b) => b.id - a.id)[0];
  const match = last ? /^v?(\d+)\.(\d+)\.(\d+)/.exec(last.tagName) : null;
  if (!match) return 'v0.1.0';
  const tags = new Set(repo.releases.map((r) => r.tagName));
  let patch = Number(match[3]) + 1;
  while (tags.has(`v${match[1]}.${match[2]}.${patch}`)) patch++;
  return `v${match[1]}.${match[2]}.${patch}`;
}

function checkCounts(counts: ActivityCounts): Required<ActivityCounts> {
  const out: Required<ActivityCounts> = {
    commits: 0,
    issues: 0,
    pullRequests: 0,
    comments: 0,
    reviews: 0,
    releases: 0,
  };
  for (const key of Object.keys(out) as Array<keyof ActivityCounts>) {
    const value = counts[key] ?? 0;
    if (!Number.isSafeInteger(value) || value < 0 || value > 100_000) {
      throw new VitalsError('INPUT_INVALID', `Activity count "${key}" must be an integer from 0 to 100000`, {
        key,
        value,
      });
    }
    out[key] = value;
  }
  return out;
}

export function generateActivity(
  world: World,
  repo: SimRepo,
  counts: ActivityCounts,
  seed: number,
  now: Date,
): ActivityAdded {
  const wanted = checkCounts(counts);
  const fullName = `${repo.owner}/${repo.name}`;
  if (repo.status === 'gone' || repo.status === 'dmca') {
    throw new VitalsError('INPUT_INVALID', `Cannot add activity to ${fullName}: it is ${repo.status}`, {
      repo: fullName,
    });
  }
  const rng: Rng = mulberry32(seed);
  const language = repo.commits.some((c) => /[\u4e00-\u9fff]/.test(c.message)) ? 'zh' : 'en';
  const actors = actorsOf(world, repo);
  const total =
    wanted.commits + wanted.issues + wanted.pullRequests + wanted.comments + wanted.reviews + wanted.releases;
  // Instants strictly after all existing activity, spread up to `now` (or a second apart when `now` is earlier).
  const fromMs = Math.floor(latestActivityMs(repo) / 1000) * 1000 + 1000;
  const stepMs = Math.max(1000, Math.floor((now.getTime() - fromMs) / (total + 1) / 1000) * 1000);
  let clock = fromMs - stepMs;
  const tick = (): number => (clock += stepMs);
  const added: ActivityAdded = {
    repo: fullName,
    commits: [],
    issues: [],
    pullRequests: [],
    comments: [],
    reviews: [],
    releases: [],
    updatedIssues: [],
  };
  const touched = new Set<SimIssue>();
  const created = new Set<SimIssue>();

  const newItems: SimIssue[] = [];
  let nextIssueId = maxId(
    world.repos.flatMap((r) => r.issues),
    0,
  );
  let nextNumber = repo.issues.reduce((max, issue) => Math.max(max, issue.number), 0);
  const addItem = (isPull: boolean): void => {
    const actor = pick(rng, actors);
    const at = formatUtc(tick());
    const issue: SimIssue = {
      id: (nextIssueId += randomInt(rng, 1, 40)),
      number: ++nextNumber,
      title: isPull ? pullTitle(rng, language) : issueTitle(rng, language),
      body: 'Added by the simulator between crawls.',
      userLogin: actor.user.login,
      state: 'open',
      stateReason: null,
      locked: false,
      labels: [],
      assigneeLogins: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedByLogin: null,
      pullRequest: isPull
        ? {
            merged: false,
            mergedAt: null,
            mergedByLogin: null,
            draft: false,
            headRef: `feat/${hexString(rng, 8)}`,
            baseRef: repo.defaultBranch,
            additions: randomInt(rng, 1, 200),
            deletions: randomInt(rng, 0, 80),
            changedFiles: randomInt(rng, 1, 9),
          }
        : null,
    };
    repo.issues.push(issue);
    newItems.push(issue);
    created.add(issue);
    (isPull ? added.pullRequests : added.issues).push(issue.number);
  };
  for (let i = 0; i < wanted.issues; i++) addItem(false);
  for (let i = 0; i < wanted.pullRequests; i++) addItem(true);

  const newCommits: SimCommit[] = [];
  for (let i = 0; i < wanted.commits; i++) {
    const actor = pick(rng, actors);
    const atMs = tick();
    const person = {
      name: actor.user.name ?? actor.user.login,
      email: noreplyEmail(actor.user),
      date: formatWithOffset(atMs, actor.offsetMinutes),
    };
    const parent = newCommits[0] ?? repo.commits[0];
    newCommits.unshift({
      sha: hexString(rng, 40),
      parents: parent ? [parent.sha] : [],
      message: commitSubject(rng, language),
      author: person,
      committer: person,
      authorLogin: actor.user.login,
      committerLogin: actor.user.login,
      additions: randomInt(rng, 1, 300),
      deletions: randomInt(rng, 0, 120),
      changedFiles: randomInt(rng, 1, 12),
    });
  }
  if (newCommits.length > 0) {
    repo.commits.unshift(...newCommits);
    added.commits = newCommits.map((c) => c.sha);
    repo.pushedAt = formatUtc(Date.parse((newCommits[0] as SimCommit).committer.date));
    if (repo.status === 'empty') repo.status = 'ok'; // the first push makes an empty repository a normal one
  }

  const openItems = [...repo.issues.filter((i) => i.state === 'open' && !created.has(i)), ...newItems];
  const commentTargets = openItems.length > 0 ? openItems : repo.issues;
  let nextCommentId = maxId(
    world.repos.flatMap((r) => r.issueComments),
    0,
  );
  for (let i = 0; i < wanted.comments; i++) {
    if (commentTargets.length === 0)
      throw new VitalsError('INPUT_INVALID', `Cannot add comments to ${fullName}: it has no issues`, {
        repo: fullName,
      });
    const issue = pick(rng, commentTargets);
    const at = formatUtc(tick());
    const id = (nextCommentId += randomInt(rng, 1, 40));
    repo.issueComments.push({
      id,
      issueNumber: issue.number,
      userLogin: pick(rng, actors).user.login,
      body: commentBody(rng, language),
      createdAt: at,
      updatedAt: at,
    });
    issue.updatedAt = at;
    touched.add(issue);
    added.comments.push(id);
  }

  const pulls = repo.issues.filter((i) => i.pullRequest !== null);
  const openPulls = pulls.filter((i) => i.state === 'open');
  let nextReviewId = maxId(
    world.repos.flatMap((r) => r.reviews),
    0,
  );
  for (let i = 0; i < wanted.reviews; i++) {
    const targets = openPulls.length > 0 ? openPulls : pulls;
    if (targets.length === 0)
      throw new VitalsError('INPUT_INVALID', `Cannot add reviews to ${fullName}: it has no pull requests`, {
        repo: fullName,
      });
    const pull = pick(rng, targets);
    const atMs = tick();
    const id = (nextReviewId += randomInt(rng, 1, 40));
    const reviewer = pick(rng, actors).user.login;
    repo.reviews.push({
      id,
      pullNumber: pull.number,
      userLogin: reviewer,
      state: pick(rng, ['APPROVED', 'COMMENTED', 'CHANGES_REQUESTED'] as const),
      body: commentBody(rng, language),
      submittedAt: formatUtc(atMs),
      commitId: hexString(rng, 40),
    });
    pull.updatedAt = formatUtc(atMs);
    touched.add(pull);
    added.reviews.push(id);
  }

  let nextReleaseId = maxId(
    world.repos.flatMap((r) => r.releases),
    0,
  );
  for (let i = 0; i < wanted.releases; i++) {
    const atMs = tick();
    const tagName = nextVersion(repo);
    const id = (nextReleaseId += randomInt(rng, 1, 40));
    repo.releases.push({
      id,
      tagName,
      name: tagName,
      body: releaseNotes(rng, tagName),
      draft: false,
      prerelease: false,
      authorLogin: pick(rng, actors).user.login,
      createdAt: formatUtc(atMs),
      publishedAt: formatUtc(atMs),
    });
    added.releases.push(id);
  }

  added.updatedIssues = [...touched]
    .filter((issue) => !created.has(issue))
    .map((issue) => issue.number)
    .sort((a, b) => a - b);
  if (total > 0) repo.updatedAt = formatUtc(Math.max(Date.parse(repo.updatedAt), clock));
  return added;
}
