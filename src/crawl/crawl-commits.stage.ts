import { upsertCommits, type CommitRecord } from '../store/commit.store.js';
import { upsertCrawlState } from '../store/crawl-state.store.js';
import { upsertUserRefs, type GithubUserRef } from '../store/user.store.js';
import { readAhead } from '../shared/read-ahead.js';
import { beginEntity, finished } from './entity-run.js';
import { loadRepository } from './repo-ref.js';
import { commitRow, type CommitNode } from './rows/commit.rows.js';
import { userReferences } from './rows/user.rows.js';
import type { Stage } from './stage.js';

/**
 * Default-branch commits through GraphQL history: 100 commits per point, and `GitTimestamp` dates
 * that keep the author's UTC offset (REST gives UTC only) — design §4.
 *
 * Incremental and kill-safe. The cursor (crawl_state.cursor, JSON) holds `known`: the head SHA
 * whose whole history is stored. A run pages newest-first from HEAD until it meets `known`, writing
 * each batch of pages with its resume point (`walk`) in one transaction; only when the new range is
 * complete does `known` move to the walk's head. A killed run resumes from `walk.after` when the branch has
 * not moved since (same pushed_at), else re-pages from HEAD (rows are upserts, so nothing doubles).
 * Nothing is asked at all when pushed_at has not moved since the last complete walk.
 */
export const HISTORY_QUERY = `query CommitHistory($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    defaultBranchRef {
      target {
        ... on Commit {
          history(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            nodes {
              oid
              messageHeadline
              additions
              deletions
              parents { totalCount }
              author { name email date user { login databaseId } }
              committer { name email date user { login databaseId } }
            }
          }
        }
      }
    }
  }
}`;

interface HistoryData {
  repository: {
    defaultBranchRef: {
      target: {
        history?: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          nodes: (CommitNode | null)[];
        };
      } | null;
    } | null;
  } | null;
}

/** Commits stored per transaction (10 history pages; a transaction is five round trips whatever its size). */
const WRITE_BATCH_COMMITS = 1_000;
/** History pages fetched ahead of the writes (~50 KB each). */
const PAGES_AHEAD = 8;

export interface CommitsCursor {
  /** Head SHA of the last complete walk: everything reachable from it is stored. */
  known: string | null;
  /** An unfinished walk. */
  walk?: { head: string; after: string | null; stopAt: string | null; pushedAt: string | null };
}

export function parseCommitsCursor(text: string | null | undefined): CommitsCursor {
  if (!text) return { known: null };
  try {
    const value = JSON.parse(text) as CommitsCursor;
    return typeof value === 'object' && value !== null ? value : { known: null };
  } catch {
    // An older plain-SHA cursor.
    return { known: text };
  }
}

export const crawlCommitsStage: Stage = async (deps, { repositoryId }) => {
  const { db, github, clock, settings } = deps;
  const { repo, ref } = await loadRepository(db, repositoryId);
  const pushedAt = repo.pushedAt?.toISOString() ?? null;
  const run = await beginEntity(db, repositoryId, 'commits');
  const cursor = parseCommitsCursor(run.previous?.cursor);
  const unchanged =
    run.previous?.lastSuccessAt != null &&
    cursor.walk === undefined &&
    (run.previous.watermarkAt?.toISOString() ?? null) === pushedAt;
  if (unchanged) {
    await upsertCrawlState(db, repositoryId, 'commits', finished(clock.now()));
    return { stage: 'commits', outcome: 'unchanged', rows: 0, pages: 0 };
  }

  const resume = cursor.walk && cursor.walk.pushedAt === pushedAt ? cursor.walk : undefined;
  let head = resume?.head;
  const stopAt = resume ? resume.stopAt : cursor.known;
  let rows = 0;
  let pages = 0;
  const fetchPage = async (after: string | null) =>
    (await github.graphql<HistoryData>(ref, HISTORY_QUERY, { owner: ref.owner, name: ref.name, after })).data
      .repository?.defaultBranchRef?.target?.history;
  // The walk stops at `stopAt` (the head of the last complete walk) or at the end of history.
  const nextOf = (history: Awaited<ReturnType<typeof fetchPage>>) =>
    history?.pageInfo.hasNextPage &&
    history.pageInfo.endCursor &&
    !(history.nodes ?? []).some((n) => n?.oid === stopAt)
      ? history.pageInfo.endCursor
      : undefined;
  // Pages are stored a few at a time (fewer transactions per row), each batch with its resume point;
  // the cursor is serial, but the walk runs ahead while a batch is stored. Pages are mapped as they
  // arrive, so only their rows are held.
  let held: { records: CommitRecord[]; people: GithubUserRef[] } = { records: [], people: [] };
  for await (const { page: history, next } of readAhead(
    resume?.after ?? null,
    fetchPage,
    nextOf,
    PAGES_AHEAD,
  )) {
    pages += 1;
    const nodes = (history?.nodes ?? []).filter(
      (n): n is CommitNode => n !== null && typeof n.oid === 'string',
    );
    if (head === undefined && nodes.length === 0) {
      // No default branch or no commits: an empty repository (GitHub's REST answers 409 here).
      await upsertCrawlState(
        db,
        repositoryId,
        'commits',
        finished(clock.now(), { watermarkAt: repo.pushedAt, cursor: JSON.stringify({ known: null }) }),
      );
      return { stage: 'commits', outcome: 'empty', rows: 0, pages };
    }
    head ??= nodes[0]?.oid as string;
    const stopIndex = stopAt ? nodes.findIndex((n) => n.oid === stopAt) : -1;
    const fresh = stopIndex >= 0 ? nodes.slice(0, stopIndex) : nodes;
    for (const node of fresh) held.records.push(commitRow(node));
    const authors = userReferences(
      fresh.flatMap((n) => [
        { login: n.author?.user?.login, id: n.author?.user?.databaseId },
        { login: n.committer?.user?.login, id: n.committer?.user?.databaseId },
      ]),
      settings,
    );
    for (const person of authors) held.people.push(person);
    const done = next === undefined;
    const endCursor = history?.pageInfo.endCursor ?? null;
    if (!done && held.records.length < WRITE_BATCH_COMMITS) continue;
    const { records, people } = held;
    held = { records: [], people: [] };
    const walkHead = head;
    await db.transaction().execute(async (trx) => {
      if (records.length > 0) await upsertCommits(trx, repositoryId, records);
      if (people.length > 0) await upsertUserRefs(trx, people);
      const resumeAt: CommitsCursor = done
        ? { known: walkHead }
        : { known: cursor.known, walk: { head: walkHead, after: endCursor, stopAt, pushedAt } };
      const patch = { cursor: JSON.stringify(resumeAt), ...(done ? { watermarkAt: repo.pushedAt } : {}) };
      await upsertCrawlState(trx, repositoryId, 'commits', done ? finished(clock.now(), patch) : patch);
    });
    rows += records.length;
    if (done) return { stage: 'commits', outcome: 'ok', rows, pages };
  }
  throw new Error('commit history walk ended without its last page'); // unreachable: readAhead yields it
};
