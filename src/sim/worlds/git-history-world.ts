/**
 * Loads real git histories (../shared/data/git/OWNER__NAME.jsonl.gz: one commit per line, newest
 * first, dates with their original offsets) into a world: one repository per file. Authors and
 * committers are linked to accounts only when their e-mail is a GitHub noreply address, which
 * carries the login (`12345+login@users.noreply.github.com` or the older `login@users.noreply…`);
 * those accounts have no profile (no location) and no known country. Missing line stats become 0.
 * Optionally, merged pull requests are synthesized from the PR numbers commit subjects carry.
 */
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SimCommit, SimIssue, SimRepo, SimUser, World } from '../world.js';
import { VitalsError } from '../../shared/errors.js';
import { deriveSeed } from '../rng.js';
import { malformed, readJsonLinesGz } from './json-lines.js';
import { checkDate, checkRecord } from './world-records.js';
import { formatUtc } from './time-zones.js';
import { ID_BASES } from './assign-ids.js';
import { createCommitInterner } from './commit-interner.js';

export interface GitHistoryOptions {
  /** Default branch by `owner/name`; others get `main`. */
  defaultBranches?: Record<string, string>;
  /**
   * Make a merged pull request for every commit whose subject names one: squash merges end in
   * `(#123)`, merge commits start `Merge pull request #123 from …`. Off by default.
   */
  synthesizePullRequests?: boolean;
}

/** Branches of the files described in ../shared/data/git/README.md. */
const KNOWN_DEFAULT_BRANCHES: Record<string, string> = { 'apache/dubbo': '3.3' };

const FILE_NAME = /^([A-Za-z0-9-]+)__([A-Za-z0-9._-]+)\.jsonl\.gz$/;
const NOREPLY =
  /^(?:(\d+)\+)?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?)@users\.noreply\.github\.com$/i;
/** Accounts whose noreply address has no numeric id get ids from here up (far above real ids). */
const SYNTHETIC_USER_ID_BASE = 9_000_000_000;

const nonNegative = (v: unknown): string | null =>
  v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0)
    ? null
    : 'expected a non-negative integer';
const gitActor = (v: unknown): string | null =>
  checkRecord(v, {
    name: (n) => (typeof n === 'string' ? null : 'expected a string'),
    email: (e) => (typeof e === 'string' ? null : 'expected a string'),
    date: checkDate,
  });
const GIT_LINE_FIELDS = {
  sha: (v: unknown) => (typeof v === 'string' && /^[0-9a-f]{40}$/.test(v) ? null : 'expected a 40-hex sha'),
  parents: (v: unknown) =>
    Array.isArray(v) && v.every((p) => typeof p === 'string' && /^[0-9a-f]{40}$/.test(p))
      ? null
      : 'expected an array of shas',
  author: gitActor,
  committer: gitActor,
  subject: (v: unknown) => (typeof v === 'string' ? null : 'expected a string'),
  additions: nonNegative,
  deletions: nonNegative,
  changed_files: nonNegative,
};

interface GitLine {
  sha: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  subject: string;
  additions?: number;
  deletions?: number;
  changed_files?: number;
}

class AccountLinker {
  readonly users: SimUser[] = [];
  private readonly byLogin = new Map<string, SimUser>();
  private readonly usedIds = new Set<number>();
  private nextSyntheticId = SYNTHETIC_USER_ID_BASE;

  /** The login GitHub would link to this e-mail, creating its account on first sight. */
  link(email: string, name: string, date: string): string | null {
    const match = NOREPLY.exec(email);
    if (!match) return null;
    const login = match[2] as string;
    const key = login.toLowerCase();
    const at = formatUtc(Date.parse(date));
    let user = this.byLogin.get(key);
    if (!user) {
      let id = match[1] ? Number(match[1]) : NaN;
      if (!Number.isSafeInteger(id) || id <= 0 || this.usedIds.has(id)) id = this.nextSyntheticId++;
      this.usedIds.add(id);
      user = {
        id,
        login,
        type: key.endsWith('[bot]') ? 'Bot' : 'User',
        name: name || null,
        company: null,
        blog: null,
        location: null,
        email: null,
        bio: null,
        twitterUsername: null,
        createdAt: at,
        updatedAt: at,
        trueCountry: null,
      };
      this.byLogin.set(key, user);
      this.users.push(user);
    }
    // Lines come newest first: the first sighting sets updatedAt, older ones push createdAt back.
    if (at < user.createdAt) user.createdAt = at;
    return user.login;
  }
}

async function loadOne(file: string, linker: AccountLinker, options: GitHistoryOptions): Promise<SimRepo> {
  const match = FILE_NAME.exec(basename(file));
  if (!match) throw malformed(file, null, 'file name must be OWNER__NAME.jsonl.gz');
  const [, owner, name] = match as unknown as [string, string, string];
  const fullName = `${owner}/${name}`;
  const commits: SimCommit[] = [];
  let earliestMs = Infinity;
  const compact = createCommitInterner();
  await readJsonLinesGz(file, GIT_LINE_FIELDS, (value) => {
    const line = value as GitLine;
    commits.push(
      compact({
        sha: line.sha,
        parents: line.parents,
        message: line.subject,
        author: line.author,
        committer: line.committer,
        authorLogin: linker.link(line.author.email, line.author.name, line.author.date),
        committerLogin: linker.link(line.committer.email, line.committer.name, line.committer.date),
        additions: line.additions ?? 0,
        deletions: line.deletions ?? 0,
        changedFiles: line.changed_files ?? 0,
      }),
    );
    earliestMs = Math.min(earliestMs, Date.parse(line.author.date), Date.parse(line.committer.date));
  });
  const head = commits[0];
  const pushedAt = head ? formatUtc(Date.parse(head.committer.date)) : formatUtc(0);
  return {
    id: 800_000_000 + (deriveSeed(0, fullName.toLowerCase()) % 100_000_000),
    owner,
    name,
    formerNames: [],
    status: commits.length > 0 ? 'ok' : 'empty',
    description: null,
    homepage: null,
    language: null,
    license: null,
    topics: [],
    defaultBranch: options.defaultBranches?.[fullName] ?? KNOWN_DEFAULT_BRANCHES[fullName] ?? 'main',
    fork: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    stargazersCount: 0,
    forksCount: 0,
    watchersCount: 0,
    createdAt: Number.isFinite(earliestMs) ? formatUtc(earliestMs) : pushedAt,
    updatedAt: pushedAt,
    pushedAt,
    commits,
    issues: options.synthesizePullRequests
      ? pullRequestsFromSubjects(
          commits,
          options.defaultBranches?.[fullName] ?? KNOWN_DEFAULT_BRANCHES[fullName] ?? 'main',
        )
      : [],
    issueComments: [],
    reviews: [],
    reviewComments: [],
    releases: [],
  };
}

const SQUASH_SUBJECT = /^(.*?)\s*\(#(\d+)\)\s*$/;
const MERGE_SUBJECT = /^Merge pull request #(\d+) from /;

/**
 * One merged pull request per commit that names one (the newest mention of a number wins: reverts
 * and cherry-picks repeat numbers). Squash merges credit the commit's linked author; merge commits
 * are made by the merger, so their pull requests get no author (null). Opening time is unknown: it is
 * set 1–240 hours before the merge, derived from the sha so it is stable.
 */
function pullRequestsFromSubjects(commits: SimCommit[], baseRef: string): SimIssue[] {
  const pulls = new Map<number, SimIssue>();
  for (const commit of commits) {
    const squash = SQUASH_SUBJECT.exec(commit.message);
    const merge = squash ? null : MERGE_SUBJECT.exec(commit.message);
    const number = Number(squash ? squash[2] : merge?.[1]);
    if (!Number.isSafeInteger(number) || number <= 0 || pulls.has(number)) continue;
    const mergedMs = Date.parse(commit.committer.date);
    const openHours = 1 + (parseInt(commit.sha.slice(0, 6), 16) % 240);
    const mergedAt = formatUtc(mergedMs);
    pulls.set(number, {
      id: 0,
      number,
      title: squash ? (squash[1] as string) || commit.message : commit.message,
      body: null,
      userLogin: squash ? commit.authorLogin : null,
      state: 'closed',
      stateReason: null,
      locked: false,
      labels: [],
      assigneeLogins: [],
      createdAt: formatUtc(mergedMs - openHours * 3_600_000),
      updatedAt: mergedAt,
      closedAt: mergedAt,
      closedByLogin: null,
      pullRequest: {
        merged: true,
        mergedAt,
        mergedByLogin: null,
        draft: false,
        headRef: `pr-${number}`,
        baseRef,
        additions: commit.additions,
        deletions: commit.deletions,
        changedFiles: commit.changedFiles,
      },
    });
  }
  return [...pulls.values()].sort((a, b) => a.number - b.number);
}

/** Issue ids grow with creation time across the world, as GitHub's do. */
function numberIssues(repos: SimRepo[]): void {
  const issues = repos.flatMap((repo) => repo.issues);
  issues.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.number - b.number,
  );
  issues.forEach((issue, index) => {
    issue.id = ID_BASES.issue + index + 1;
  });
}

export async function loadGitHistoryWorld(files: string[], options: GitHistoryOptions = {}): Promise<World> {
  for (const file of files) {
    try {
      await access(file);
    } catch {
      throw new VitalsError(
        'INPUT_INVALID',
        `Git history file not found: ${file} (the shared data directory is not on this machine?)`,
        { file },
      );
    }
  }
  const linker = new AccountLinker();
  const repos: SimRepo[] = [];
  for (const file of files) repos.push(await loadOne(file, linker, options));
  const ids = new Set<number>();
  for (const repo of repos) {
    if (ids.has(repo.id))
      throw new VitalsError(
        'INPUT_INVALID',
        `Two git history files map to the same repository id: ${repo.owner}/${repo.name}`,
      );
    ids.add(repo.id);
  }
  numberIssues(repos);
  return { users: linker.users.sort((a, b) => a.id - b.id), repos, trueCountryByEmail: {} };
}
