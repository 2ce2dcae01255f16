import type { SimCommit } from '../world.js';
import { decodeCursor, encodeCursor, type ConnectionPage } from './connection.js';
import { invalidCursorError } from './keyset-page.js';

/**
 * `Commit.history` over a repository's default-branch commits (newest first), in O(page):
 * - a cursor is base64 of "{sha} {offset}" like GitHub's: the commit the walk started from and
 *   the item's offset in it. A cursor from before new commits were pushed keeps naming the old
 *   start commit, so paging continues where it was (found by a scan from the head: O(new commits)).
 * - `since`/`until` (committer date, like `git log --since`) select a contiguous range found by
 *   binary search over committer instants, precomputed once per commit array (and extended, not
 *   recomputed, when commits are pushed at the head). Histories whose
 *   dates are not monotonic (rebases, clock skew) fall back to a date-sorted permutation, so the
 *   filtered walk is newest-first by committer date.
 */
export interface HistoryArgs {
  first: number;
  after?: string | null;
  since?: string | null;
  until?: string | null;
}

interface DateIndex {
  headSha: string;
  committedMs: Float64Array;
  monotonic: boolean;
  /** Positions sorted by committer date, newest first; only built for non-monotonic histories. */
  byDateDesc: Int32Array | null;
}

const dateIndexes = new WeakMap<SimCommit[], { length: number; value: DateIndex }>();

function dateIndex(commits: SimCommit[]): DateIndex {
  const hit = dateIndexes.get(commits);
  if (hit && hit.length === commits.length && hit.value.headSha === commits[0]?.sha) return hit.value;
  // New commits are pushed at the head (generateActivity unshifts): reuse the old instants.
  const pushed = hit ? commits.length - hit.length : -1;
  const reusable = hit && pushed > 0 && commits[pushed]?.sha === hit.value.headSha ? hit.value : undefined;
  const committedMs = new Float64Array(commits.length);
  const parseUpTo = reusable ? pushed : commits.length;
  for (let i = 0; i < parseUpTo; i++) committedMs[i] = Date.parse((commits[i] as SimCommit).committer.date);
  if (reusable) committedMs.set(reusable.committedMs, pushed);
  let monotonic = true;
  for (let i = 1; i < commits.length && monotonic; i++) {
    if ((committedMs[i] as number) > (committedMs[i - 1] as number)) monotonic = false;
  }
  let byDateDesc: Int32Array | null = null;
  if (!monotonic) {
    byDateDesc = Int32Array.from(commits.keys()).sort(
      (a, b) => (committedMs[b] as number) - (committedMs[a] as number) || a - b,
    );
  }
  const value = { headSha: commits[0]?.sha ?? '', committedMs, monotonic, byDateDesc };
  dateIndexes.set(commits, { length: commits.length, value });
  return value;
}

/** First position p in [0, n) where `before(p)` is false, for a predicate true-then-false. */
function partition(n: number, before: (p: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Positions (into `commits`) of the walk from `start`, filtered by date, as a random-access view. */
interface Walk {
  length: number;
  at: (k: number) => number;
}

function walkFrom(commits: SimCommit[], start: number, since: number, until: number): Walk {
  if (since === -Infinity && until === Infinity) {
    return { length: commits.length - start, at: (k) => start + k };
  }
  const index = dateIndex(commits);
  const ms = index.committedMs;
  if (index.monotonic) {
    // Newest first: dates fall as positions rise. Keep positions with since <= date <= until.
    const lo = Math.max(
      start,
      partition(commits.length, (p) => (ms[p] as number) > until),
    );
    const hi = partition(commits.length, (p) => (ms[p] as number) >= since);
    return { length: Math.max(0, hi - lo), at: (k) => lo + k };
  }
  const order = index.byDateDesc as Int32Array;
  const lo = partition(order.length, (k) => (ms[order[k] as number] as number) > until);
  const hi = partition(order.length, (k) => (ms[order[k] as number] as number) >= since);
  if (start === 0) return { length: Math.max(0, hi - lo), at: (k) => order[lo + k] as number };
  const kept = Array.from(order.subarray(lo, hi)).filter((p) => p >= start);
  return { length: kept.length, at: (k) => kept[k] as number };
}

/** Locates the walk's start commit named by a cursor: at `startIndex`, or older after a push. */
function resolveStart(commits: SimCommit[], startIndex: number, sha: string): number {
  for (let p = startIndex; p < commits.length; p++) {
    if ((commits[p] as SimCommit).sha === sha) return p;
  }
  return -1;
}

export function historyPage(
  commits: SimCommit[],
  startIndex: number,
  args: HistoryArgs,
): ConnectionPage<number> {
  const since = args.since ? Date.parse(args.since) : -Infinity;
  const until = args.until ? Date.parse(args.until) : Infinity;
  let start = startIndex;
  let offset = 0;
  if (args.after) {
    const match = /^(\S+) (\d+)$/.exec(decodeCursor(args.after));
    if (!match?.[1] || !match[2]) throw invalidCursorError(args.after);
    start = resolveStart(commits, startIndex, match[1]);
    if (start < 0) throw invalidCursorError(args.after);
    offset = Number(match[2]) + 1;
  }
  const startSha = (commits[start] as SimCommit | undefined)?.sha ?? '';
  const walk = walkFrom(commits, start, since, until);
  const end = Math.min(walk.length, offset + args.first);
  const items: number[] = [];
  for (let k = offset; k < end; k++) items.push(walk.at(k));
  return {
    totalCount: walk.length,
    items,
    cursor: (i) => encodeCursor(`${startSha} ${offset + i}`),
    hasNextPage: end < walk.length,
    hasPreviousPage: offset > 0,
  };
}
