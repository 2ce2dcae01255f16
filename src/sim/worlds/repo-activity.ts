/**
 * Generates one repository's history: commits, issues and pull requests with realistic lifecycles
 * (first responses after log-normal delays, some never answered, some still open), reviews, review
 * comments and releases. Entity ids are left at 0; `assignWorldIds` numbers them world-wide in time
 * order, as GitHub's ids grow with time.
 */
import type {
  SimCommit,
  SimIssue,
  SimIssueComment,
  SimRelease,
  SimReview,
  SimReviewComment,
  SimUser,
} from '../world.js';
import {
  chance,
  hexString,
  logNormal,
  pick,
  pickFromTable,
  poisson,
  randomInt,
  weightedTable,
  normal,
  type Rng,
  type WeightedTable,
} from '../rng.js';
import type { Person } from './people.js';
import {
  body,
  commentBody,
  commitSubject,
  hugeBody,
  issueLabels,
  issueTitle,
  pullTitle,
  releaseNotes,
  reviewPath,
  subjectPool,
  type Language,
} from './texts.js';
import { formatInZone, formatUtc, offsetMinutesAt, type TimeZone } from './time-zones.js';

export type ActivityShape = 'steady' | 'growing' | 'declining';

export interface TeamMember {
  person: Person;
  /** Relative share of commits and pull requests. */
  weight: number;
  activeFromMs: number;
  activeToMs: number;
}

export interface Team {
  /** Answer issues, review, merge and release. Also appear in `members`. */
  maintainers: TeamMember[];
  /** Everyone who commits or opens pull requests (maintainers included). */
  members: TeamMember[];
  /** People who mostly open issues and comment (users of the project). */
  reporters: Person[];
  /** Bots that open dependency pull requests. */
  bots: Person[];
  actionsBot: SimUser | null;
  webFlow: SimUser;
}

export interface ActivityPlan {
  startMs: number;
  endMs: number;
  shape: ActivityShape;
  commits: number;
  /** Issues plus pull requests (they share the number sequence). */
  items: number;
  prShare: number;
  commentsPerItem: number;
  firstResponseMedianHours: number;
  neverAnsweredShare: number;
  closeShare: number;
  mergeShare: number;
  releaseEveryDays: number | null;
  botPrShare: number;
  language: Language;
  deletedAuthorShare: number;
  hugeBodies: number;
  /** Share of direct commits that are `--no-ff` merges of a one-commit side branch. */
  mergeCommitShare: number;
  defaultBranch: string;
  /** Large worlds: reuse a pool of subject strings instead of a new string per commit. */
  lean: boolean;
}

export interface RepoActivity {
  commits: SimCommit[];
  issues: SimIssue[];
  issueComments: SimIssueComment[];
  reviews: SimReview[];
  reviewComments: SimReviewComment[];
  releases: SimRelease[];
}

// Globals captured once: under jest's vm contexts every global lookup is many times slower.
const { floor, max, min, pow, sin, PI } = Math;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Relative activity at position t ∈ [0, 1] of the span. */
export function shapeFactor(shape: ActivityShape, t: number): number {
  if (shape === 'growing') return 0.15 + 1.6 * pow(t, 1.6);
  if (shape === 'declining') return t < 0.6 ? 1 : max(0.03, 1 - 0.97 * pow((t - 0.6) / 0.4, 0.6));
  return 1 + 0.25 * sin(2 * PI * 3 * t);
}

function dayTable(plan: ActivityPlan): WeightedTable<number> {
  const days = max(1, floor((plan.endMs - plan.startMs) / DAY_MS));
  const indices: number[] = [];
  const weights: number[] = [];
  for (let d = 0; d < days; d++) {
    const weekday = new Date(plan.startMs + d * DAY_MS).getUTCDay();
    indices.push(d);
    weights.push(shapeFactor(plan.shape, d / days) * (weekday === 0 || weekday === 6 ? 0.45 : 1));
  }
  return weightedTable(indices, weights);
}

/** An instant on `dayIndex` at the person's usual local working hour, clamped into the plan. */
function instantOnDay(
  rng: Rng,
  plan: ActivityPlan,
  dayIndex: number,
  zone: TimeZone,
  peakHour: number,
): number {
  const localMidnight = plan.startMs - (plan.startMs % DAY_MS) + dayIndex * DAY_MS;
  const hour = ((normal(rng, peakHour, 2.5) % 24) + 24) % 24;
  const localMs = localMidnight + floor(hour * HOUR_MS) + randomInt(rng, 0, 59) * 1000;
  const utcMs = localMs - offsetMinutesAt(zone, localMs - zone.standardMinutes * 60_000) * 60_000;
  return min(plan.endMs - 1000, max(plan.startMs, utcMs));
}

function activeMember(rng: Rng, table: WeightedTable<TeamMember>, team: Team, atMs: number): TeamMember {
  for (let attempt = 0; attempt < 4; attempt++) {
    const member = pickFromTable(rng, table);
    if (atMs >= member.activeFromMs && atMs <= member.activeToMs) return member;
  }
  const active = team.maintainers.filter((m) => atMs >= m.activeFromMs && atMs <= m.activeToMs);
  return pick(rng, active.length > 0 ? active : team.maintainers);
}

function responder(rng: Rng, team: Team, atMs: number, authorLogin: string | null): Person {
  const candidates = team.maintainers.filter(
    (m) => atMs >= m.activeFromMs && atMs <= m.activeToMs && m.person.user?.login !== authorLogin,
  );
  return pick(rng, candidates.length > 0 ? candidates : team.maintainers).person;
}

function loginOf(person: Person): string | null {
  return person.user?.login ?? null;
}

function stats(rng: Rng): { additions: number; deletions: number; changedFiles: number } {
  return {
    additions: floor(logNormal(rng, 30, 1.4)),
    deletions: floor(logNormal(rng, 10, 1.5)),
    changedFiles: 1 + poisson(rng, 1.5),
  };
}

/** Commits waiting to be ordered, with their committer instants in a parallel array (no wrapper objects). */
interface PendingCommits {
  times: number[];
  commits: SimCommit[];
}

interface ItemContext {
  rng: Rng;
  plan: ActivityPlan;
  team: Team;
  memberTable: WeightedTable<TeamMember>;
  days: WeightedTable<number>;
  out: RepoActivity;
  pending: PendingCommits;
  links: ActivityLinks;
}

/**
 * Children point at their parents by object until numbers and ids exist: items are numbered once
 * all are generated (`numberItems`), ids are assigned world-wide later (`assignWorldIds`).
 */
export interface ActivityLinks {
  commentsOf: Map<SimIssue, SimIssueComment[]>;
  reviewsOf: Array<[SimIssue, SimReview]>;
  reviewCommentsOf: Array<[SimIssue, SimReviewComment]>;
  /** Review comments that belong to a review; their `reviewId` is filled when reviews get ids. */
  reviewOfComment: Map<SimReviewComment, SimReview>;
  squashOf: Array<[SimIssue, SimCommit]>;
}

/** Response delays stretch as a declining project fades. */
function slowdown(plan: ActivityPlan, atMs: number): number {
  if (plan.shape !== 'declining') return 1;
  const t = (atMs - plan.startMs) / (plan.endMs - plan.startMs);
  return 1 + 12 * max(0, (t - 0.6) / 0.4);
}

function makeComment(issueNumber: number, login: string | null, text: string, atMs: number): SimIssueComment {
  const at = formatUtc(atMs);
  return { id: 0, issueNumber, userLogin: login, body: text, createdAt: at, updatedAt: at };
}

function generateItem(ctx: ItemContext, isPull: boolean): void {
  const { rng, plan, team, out } = ctx;
  const day = pickFromTable(rng, ctx.days);
  let author: Person;
  let isBot = false;
  if (isPull && team.bots.length > 0 && chance(rng, plan.botPrShare)) {
    author = pick(rng, team.bots);
    isBot = true;
  } else if (isPull || chance(rng, 0.3) || team.reporters.length === 0) {
    const probeMs = plan.startMs + day * DAY_MS;
    author = activeMember(rng, ctx.memberTable, team, probeMs).person;
  } else {
    author = pick(rng, team.reporters);
  }
  const createdMs = instantOnDay(rng, plan, day, author.zone, author.peakHour);
  const deleted = !isBot && chance(rng, plan.deletedAuthorShare);
  const authorLogin = deleted ? null : loginOf(author);
  const issue: SimIssue = {
    id: 0,
    number: 0,
    title: isBot
      ? `build(deps): bump ${pick(rng, ['lodash', 'semver', 'esbuild', 'netty', 'protobuf', 'vite'])} from 1.${randomInt(rng, 0, 9)}.0 to 1.${randomInt(rng, 10, 19)}.0`
      : isPull
        ? pullTitle(rng, plan.language)
        : issueTitle(rng, plan.language),
    body: isBot
      ? 'Bumps the dependency. Release notes and commits are listed below.'
      : body(rng, plan.language),
    userLogin: authorLogin,
    state: 'open',
    stateReason: null,
    locked: false,
    labels: isBot ? ['dependencies'] : issueLabels(rng, isPull),
    assigneeLogins: [],
    createdAt: formatUtc(createdMs),
    updatedAt: formatUtc(createdMs),
    closedAt: null,
    closedByLogin: null,
    pullRequest: null,
  };
  let lastMs = createdMs;
  const comments: SimIssueComment[] = [];
  const slow = slowdown(plan, createdMs);
  const answered = !chance(rng, plan.neverAnsweredShare * (slow > 1 ? 1.6 : 1));
  let firstResponder: Person | null = null;
  let firstResponseMs = Infinity;
  if (answered) {
    firstResponseMs =
      createdMs + logNormal(rng, plan.firstResponseMedianHours * slow * (isBot ? 0.5 : 1), 1.3) * HOUR_MS;
    firstResponder = responder(rng, team, firstResponseMs, authorLogin);
  }
  // Conversation: the first answer, then a back-and-forth between author, maintainers and users.
  const wanted = isBot ? 0 : poisson(rng, plan.commentsPerItem);
  if (firstResponder && firstResponseMs < plan.endMs && (!isPull || chance(rng, 0.5))) {
    comments.push(makeComment(0, loginOf(firstResponder), commentBody(rng, plan.language), firstResponseMs));
    lastMs = firstResponseMs;
  }
  let atMs = max(lastMs, firstResponseMs === Infinity ? createdMs : firstResponseMs);
  for (let i = comments.length; i < wanted && firstResponder; i++) {
    atMs += logNormal(rng, 20 * slow, 1.4) * HOUR_MS;
    if (atMs >= plan.endMs) break;
    const roll = rng();
    const who =
      roll < 0.4
        ? authorLogin
        : roll < 0.75
          ? loginOf(responder(rng, team, atMs, null))
          : team.reporters.length > 0
            ? loginOf(pick(rng, team.reporters))
            : authorLogin;
    comments.push(makeComment(0, who, commentBody(rng, plan.language), atMs));
    lastMs = atMs;
  }
  if (!firstResponder && !isBot && chance(rng, 0.3)) {
    const bumpMs = createdMs + logNormal(rng, 14 * 24, 0.6) * HOUR_MS;
    if (bumpMs < plan.endMs) {
      comments.push(makeComment(0, authorLogin, 'Any update on this?', bumpMs));
      lastMs = bumpMs;
    }
  }
  if (isPull)
    lastMs = max(
      lastMs,
      pullLifecycle(
        ctx,
        issue,
        author,
        authorLogin,
        isBot,
        createdMs,
        firstResponder,
        firstResponseMs,
        lastMs,
      ),
    );
  else lastMs = max(lastMs, issueLifecycle(ctx, issue, authorLogin, firstResponder !== null, lastMs));
  if (chance(rng, 0.2) && !isBot)
    issue.assigneeLogins = [loginOf(responder(rng, team, createdMs, null))].filter(
      (l): l is string => l !== null,
    );
  issue.updatedAt = formatUtc(lastMs);
  out.issues.push(issue);
  for (const comment of comments) out.issueComments.push(comment);
  ctx.links.commentsOf.set(issue, comments);
}

function issueLifecycle(
  ctx: ItemContext,
  issue: SimIssue,
  authorLogin: string | null,
  answered: boolean,
  lastMs: number,
): number {
  const { rng, plan, team } = ctx;
  if (!chance(rng, answered ? plan.closeShare : plan.closeShare * 0.4)) {
    if (chance(rng, 0.02)) issue.stateReason = 'reopened';
    return lastMs;
  }
  const closeMs = lastMs + logNormal(rng, 30 * slowdown(plan, lastMs), 1.5) * HOUR_MS;
  if (closeMs >= plan.endMs) return lastMs;
  const byAuthor = chance(rng, 0.2) && authorLogin !== null;
  issue.state = 'closed';
  issue.stateReason = chance(rng, 0.25) ? 'not_planned' : 'completed';
  issue.closedAt = formatUtc(closeMs);
  issue.closedByLogin = byAuthor ? authorLogin : loginOf(responder(rng, team, closeMs, authorLogin));
  issue.locked = chance(rng, 0.03);
  return closeMs;
}

function review(
  ctx: ItemContext,
  pullIssue: SimIssue,
  reviewer: Person,
  state: SimReview['state'],
  atMs: number,
): void {
  const { rng, out, plan } = ctx;
  const r: SimReview = {
    id: 0,
    pullNumber: 0,
    userLogin: loginOf(reviewer),
    state,
    body: state === 'APPROVED' ? (chance(rng, 0.6) ? '' : 'LGTM') : commentBody(rng, plan.language),
    submittedAt: formatUtc(atMs),
    commitId: hexString(rng, 40),
  };
  out.reviews.push(r);
  ctx.links.reviewsOf.push([pullIssue, r]);
  if (state !== 'APPROVED') {
    const count = randomInt(rng, 1, 3);
    for (let i = 0; i < count; i++) {
      const at = formatUtc(atMs);
      const comment: SimReviewComment = {
        id: 0,
        pullNumber: 0,
        reviewId: chance(rng, 0.05) ? null : 0,
        userLogin: loginOf(reviewer),
        body: commentBody(rng, plan.language),
        path: reviewPath(rng),
        createdAt: at,
        updatedAt: at,
      };
      out.reviewComments.push(comment);
      ctx.links.reviewCommentsOf.push([pullIssue, comment]);
      if (comment.reviewId === 0) ctx.links.reviewOfComment.set(comment, r);
    }
  }
}

function pullLifecycle(
  ctx: ItemContext,
  issue: SimIssue,
  author: Person,
  authorLogin: string | null,
  isBot: boolean,
  createdMs: number,
  firstResponder: Person | null,
  firstResponseMs: number,
  lastMs: number,
): number {
  const { rng, plan, team } = ctx;
  const size = stats(rng);
  issue.pullRequest = {
    merged: false,
    mergedAt: null,
    mergedByLogin: null,
    draft: false,
    headRef: isBot
      ? `dependabot/npm_and_yarn/dep-${randomInt(rng, 1, 999)}`
      : `${pick(rng, ['fix', 'feat', 'chore', 'docs'])}/${floor(rng() * 1e8).toString(36)}`,
    baseRef: plan.defaultBranch,
    ...size,
  };
  let approvedMs = Infinity;
  let approver: Person | null = null;
  if (firstResponder && firstResponseMs < plan.endMs) {
    lastMs = max(lastMs, firstResponseMs);
    const roll = rng();
    if (isBot || roll < 0.5) {
      review(ctx, issue, firstResponder, 'APPROVED', firstResponseMs);
      approvedMs = firstResponseMs;
      approver = firstResponder;
    } else {
      review(ctx, issue, firstResponder, roll < 0.8 ? 'CHANGES_REQUESTED' : 'COMMENTED', firstResponseMs);
      const secondMs = firstResponseMs + logNormal(rng, 30 * slowdown(plan, firstResponseMs), 1.2) * HOUR_MS;
      if (secondMs < plan.endMs && chance(rng, 0.85)) {
        review(ctx, issue, firstResponder, 'APPROVED', secondMs);
        approvedMs = secondMs;
        approver = firstResponder;
        lastMs = max(lastMs, secondMs);
      }
    }
  }
  const mergeMs = approvedMs + logNormal(rng, 3, 1.2) * HOUR_MS;
  if (approver && mergeMs < plan.endMs && chance(rng, isBot ? 0.8 : plan.mergeShare)) {
    issue.state = 'closed';
    issue.closedAt = formatUtc(mergeMs);
    issue.closedByLogin = loginOf(approver);
    issue.pullRequest.merged = true;
    issue.pullRequest.mergedAt = issue.closedAt;
    issue.pullRequest.mergedByLogin = loginOf(approver);
    squashCommit(ctx, issue, author, authorLogin, approver, mergeMs, size);
    return mergeMs;
  }
  const closeMs = max(lastMs, createdMs) + logNormal(rng, 72 * slowdown(plan, createdMs), 1.3) * HOUR_MS;
  if (chance(rng, 0.6) && closeMs < plan.endMs) {
    issue.state = 'closed';
    issue.closedAt = formatUtc(closeMs);
    issue.closedByLogin = chance(rng, 0.5)
      ? authorLogin
      : loginOf(responder(rng, team, closeMs, authorLogin));
    return closeMs;
  }
  issue.pullRequest.draft = !isBot && chance(rng, 0.12);
  return lastMs;
}

function squashCommit(
  ctx: ItemContext,
  issue: SimIssue,
  author: Person,
  authorLogin: string | null,
  merger: Person,
  mergeMs: number,
  size: ReturnType<typeof stats>,
): void {
  const commit: SimCommit = {
    sha: hexString(ctx.rng, 40),
    parents: [],
    message: issue.title, // " (#N)" is appended once numbers are known
    author: { name: author.commitName, email: author.commitEmail, date: formatInZone(author.zone, mergeMs) },
    committer: { name: 'GitHub', email: 'noreply@github.com', date: formatInZone(merger.zone, mergeMs) },
    authorLogin: author.user && authorLogin !== null ? author.user.login : null,
    committerLogin: ctx.team.webFlow.login,
    ...size,
  };
  ctx.pending.times.push(mergeMs);
  ctx.pending.commits.push(commit);
  ctx.links.squashOf.push([issue, commit]);
}

function directCommits(ctx: ItemContext, count: number): void {
  const { rng, plan, team } = ctx;
  const pool = plan.lean ? subjectPool(rng, plan.language, 512) : null;
  for (let i = 0; i < count; i++) {
    const day = pickFromTable(rng, ctx.days);
    const member = activeMember(rng, ctx.memberTable, team, plan.startMs + day * DAY_MS);
    const person = member.person;
    const atMs = instantOnDay(rng, plan, day, person.zone, person.peakHour);
    const useAlt = person.altEmail !== undefined && chance(rng, 0.2);
    const actor = {
      name: person.commitName,
      email: useAlt ? (person.altEmail as string) : person.commitEmail,
      date: formatInZone(person.zone, atMs),
    };
    const login = useAlt ? null : loginOf(person);
    const commit: SimCommit = {
      sha: hexString(rng, 40),
      parents: [],
      message: pool ? (pool[i & 511] as string) : commitSubject(rng, plan.language),
      author: actor,
      committer: actor, // the same object: a direct push has identical author and committer
      authorLogin: login,
      committerLogin: login,
      additions: floor(logNormal(rng, 30, 1.4)),
      deletions: floor(logNormal(rng, 10, 1.5)),
      changedFiles: 1 + poisson(rng, 1.5),
    };
    ctx.pending.times.push(atMs);
    ctx.pending.commits.push(commit);
  }
}

/** Orders commits by committer time, links parents (with occasional --no-ff merges) and returns them newest first. */
function chainCommits(rng: Rng, plan: ActivityPlan, pending: PendingCommits): SimCommit[] {
  const order = new Uint32Array(pending.commits.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const times = pending.times;
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  const chronological: SimCommit[] = new Array(order.length);
  let previous: SimCommit | null = null;
  for (let i = 0; i < order.length; i++) {
    const commit = pending.commits[order[i] as number] as SimCommit;
    if (previous) {
      const side = previous;
      if (
        !plan.lean &&
        side.parents.length === 1 &&
        side.committerLogin !== 'web-flow' &&
        commit.committerLogin !== 'web-flow' &&
        chance(rng, plan.mergeCommitShare)
      ) {
        // `git merge --no-ff` of a one-commit branch: first parent is the side commit's parent.
        commit.parents = [side.parents[0] as string, side.sha];
        commit.message = `Merge branch '${pick(rng, ['fix', 'feature', 'release'])}-${randomInt(rng, 1, 99)}' into ${plan.defaultBranch}`;
        commit.additions = side.additions;
        commit.deletions = side.deletions;
        commit.changedFiles = side.changedFiles;
      } else commit.parents = [previous.sha];
    }
    chronological[i] = commit;
    previous = commit;
  }
  return chronological.reverse();
}

function releases(ctx: ItemContext): void {
  const { rng, plan, team, out } = ctx;
  if (plan.releaseEveryDays === null) return;
  let major = 0;
  let minor = 1;
  let patch = 0;
  let atMs = plan.startMs + 20 * DAY_MS;
  while (atMs < plan.endMs) {
    const t = (atMs - plan.startMs) / (plan.endMs - plan.startMs);
    const roll = rng();
    if (roll < 0.04 && t > 0.3) [major, minor, patch] = [major + 1, 0, 0];
    else if (roll < 0.3) [minor, patch] = [minor + 1, 0];
    else patch++;
    const prerelease = chance(rng, 0.1);
    const version = `v${major}.${minor}.${patch}${prerelease ? `-rc.${randomInt(rng, 1, 3)}` : ''}`;
    const author =
      team.actionsBot && chance(rng, 0.4) ? team.actionsBot.login : loginOf(responder(rng, team, atMs, null));
    out.releases.push({
      id: 0,
      tagName: version,
      name: chance(rng, 0.15) ? null : version,
      body: chance(rng, 0.05) ? null : releaseNotes(rng, version),
      draft: false,
      prerelease,
      authorLogin: author,
      createdAt: formatUtc(atMs),
      publishedAt: formatUtc(atMs + randomInt(rng, 60, 3600) * 1000),
    });
    atMs +=
      (plan.releaseEveryDays * logNormal(rng, 1, 0.35) * DAY_MS) / max(0.12, shapeFactor(plan.shape, t));
  }
}

/** Numbers items in creation order (issues and PRs share one sequence) and points children at them. */
function numberItems(out: RepoActivity, links: ActivityLinks): void {
  out.issues.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  out.issues.forEach((issue, index) => {
    issue.number = index + 1;
    for (const comment of links.commentsOf.get(issue) ?? []) comment.issueNumber = issue.number;
  });
  for (const [issue, r] of links.reviewsOf) r.pullNumber = issue.number;
  for (const [issue, comment] of links.reviewCommentsOf) comment.pullNumber = issue.number;
  for (const [issue, commit] of links.squashOf) commit.message = `${issue.title} (#${issue.number})`;
}

export function generateRepoActivity(
  rng: Rng,
  plan: ActivityPlan,
  team: Team,
): { activity: RepoActivity; links: ActivityLinks } {
  const out: RepoActivity = {
    commits: [],
    issues: [],
    issueComments: [],
    reviews: [],
    reviewComments: [],
    releases: [],
  };
  const ctx: ItemContext = {
    rng,
    plan,
    team,
    memberTable: weightedTable(
      team.members,
      team.members.map((m) => m.weight),
    ),
    days: dayTable(plan),
    out,
    pending: { times: [], commits: [] },
    links: {
      commentsOf: new Map(),
      reviewsOf: [],
      reviewCommentsOf: [],
      reviewOfComment: new Map(),
      squashOf: [],
    },
  };
  for (let i = 0; i < plan.items; i++) generateItem(ctx, chance(rng, plan.prShare));
  const hugeTargets = min(plan.hugeBodies, out.issues.length);
  for (let i = 0; i < hugeTargets; i++) pick(rng, out.issues).body = hugeBody(rng, 200_000);
  numberItems(out, ctx.links);
  const squashes = ctx.pending.commits.length;
  if (squashes > plan.commits) {
    ctx.pending.commits.length = plan.commits;
    ctx.pending.times.length = plan.commits;
  }
  directCommits(ctx, max(0, plan.commits - squashes));
  out.commits = chainCommits(rng, plan, ctx.pending);
  releases(ctx);
  return { activity: out, links: ctx.links };
}
