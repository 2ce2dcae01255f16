import { upsertCrawlState } from '../store/crawl-state.store.js';
import { upsertReviews, type ReviewRecord } from '../store/discussion.store.js';
import {
  listPullRequestNumbersUpdatedSince,
  updatePullRequestDetails,
  type PullRequestDetails,
} from '../store/issue.store.js';
import { upsertUserRefs, type GithubUserRef } from '../store/user.store.js';
import type { RepoRef } from './adapters/github.port.js';
import { readAhead } from '../shared/read-ahead.js';
import { beginEntity, finished } from './entity-run.js';
import { loadRepository } from './repo-ref.js';
import { toCount } from './rows/clean-text.js';
import { reviewRow, type ReviewNode } from './rows/discussion.rows.js';
import { userReferences } from './rows/user.rows.js';
import type { CrawlDeps, Stage } from './stage.js';

/**
 * Pull request reviews through GraphQL, batched: pull requests newest-updated first with their
 * reviews nested (one query per `reviewsPerQuery` PRs — design §4's ⌈P/50⌉), stopping at the first PR
 * not updated since the last run, so only PRs that changed are asked for. The same query brings the
 * PR columns the REST issue list lacks (merged by, additions, deletions, changed files).
 *
 * Kill-safe: each page is written with its resume point (cursor JSON `walk`); the watermark moves to
 * the walk's newest `updatedAt` only when the walk is complete. PRs updated during a walk come first
 * in the next one, since they are newer than that watermark.
 */
const PULLS_QUERY = `query PullRequestReviews($owner: String!, $name: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number
        updatedAt
        additions
        deletions
        changedFiles
        mergedBy { login }
        reviews(first: 100) {
          pageInfo { hasNextPage endCursor }
          nodes { ${reviewFields()} }
        }
      }
    }
  }
}`;

const MORE_REVIEWS_QUERY = `query MoreReviews($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviews(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { ${reviewFields()} }
      }
    }
  }
}`;

function reviewFields(): string {
  return 'databaseId state body submittedAt authorAssociation author { __typename login ... on User { databaseId } ... on Bot { databaseId } }';
}

/** Pull request pages fetched ahead of the writes. */
const PAGES_AHEAD = 4;
/** Pull requests stored per transaction (a few pages; a transaction is six round trips whatever its size). */
const WRITE_BATCH_PULLS = 250;

interface ReviewConnection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (ReviewNode | null)[] | null;
}

interface PullNode {
  number: number;
  updatedAt: string;
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  mergedBy: { login: string } | null;
  reviews: ReviewConnection | null;
}

interface PullsData {
  repository: {
    pullRequests: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: (PullNode | null)[] | null;
    };
  } | null;
}

interface MoreReviewsData {
  repository: { pullRequest: { reviews: ReviewConnection | null } | null } | null;
}

interface ReviewsCursor {
  walk?: { after: string | null; newest: string | null; stopBefore: string | null };
}

export const crawlReviewsStage: Stage = async (deps, { repositoryId }) => {
  const { db, github, clock, settings } = deps;
  const { ref } = await loadRepository(db, repositoryId);
  const run = await beginEntity(db, repositoryId, 'reviews');
  const saved = parseCursor(run.previous?.cursor);
  const watermark = run.previous?.watermarkAt ?? null;
  if (!saved.walk && run.previous?.lastSuccessAt && watermark) {
    // Reviews bump their pull request's updated_at, which the issues stage has just stored: when no
    // PR moved past the watermark there is nothing to ask GitHub (an idle re-crawl costs nothing).
    const moved = await listPullRequestNumbersUpdatedSince(
      db,
      repositoryId,
      new Date(watermark.getTime() + 1),
    );
    if (moved.length === 0) {
      await upsertCrawlState(db, repositoryId, 'reviews', finished(clock.now()));
      return { stage: 'reviews', outcome: 'unchanged', rows: 0, pages: 0 };
    }
  }
  const overlapMs = settings.sinceOverlapSeconds * 1000;
  const stopBefore =
    saved.walk?.stopBefore ?? (watermark ? new Date(watermark.getTime() - overlapMs).toISOString() : null);
  const stopBeforeMs = stopBefore ? Date.parse(stopBefore) : undefined;
  let newest = saved.walk?.newest ?? null;
  let rows = 0;
  let pages = 0;
  const fetchPage = async (after: string | null) =>
    (
      await github.graphql<PullsData>(ref, PULLS_QUERY, {
        owner: ref.owner,
        name: ref.name,
        first: settings.reviewsPerQuery,
        after,
      })
    ).data.repository?.pullRequests;
  const isOld = (pull: PullNode | null) =>
    stopBeforeMs !== undefined && pull !== null && Date.parse(pull.updatedAt) < stopBeforeMs;
  // The walk ends at the first pull request not updated since the last run, or at the last page;
  // it runs ahead while each page is stored with its resume point.
  const nextOf = (connection: Awaited<ReturnType<typeof fetchPage>>) =>
    connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor && !(connection.nodes ?? []).some(isOld)
      ? connection.pageInfo.endCursor
      : undefined;
  const walk = readAhead(saved.walk?.after ?? null, fetchPage, nextOf, PAGES_AHEAD);
  // Pages are mapped as they arrive and stored a few at a time, each batch with its resume point.
  let held = emptyBatch();
  for await (const { page: connection, next } of walk) {
    pages += 1;
    const pulls = (connection?.nodes ?? []).filter(
      (p): p is PullNode => p !== null && typeof p.number === 'number',
    );
    newest ??= pulls[0]?.updatedAt ?? null;
    const stopIndex = pulls.findIndex(isOld);
    const changed = stopIndex >= 0 ? pulls.slice(0, stopIndex) : pulls;
    const endCursor = connection?.pageInfo.endCursor ?? null;
    const done = next === undefined;
    const reviews: { pull: number; node: ReviewNode }[] = [];
    for (const pull of changed) {
      for (const node of pull.reviews?.nodes ?? []) if (node) reviews.push({ pull: pull.number, node });
      if (pull.reviews?.pageInfo.hasNextPage) {
        const more = await moreReviews(deps, ref, pull.number, pull.reviews.pageInfo.endCursor);
        pages += more.pages;
        for (const node of more.nodes) reviews.push({ pull: pull.number, node });
      }
    }
    for (const review of reviews) {
      const record = reviewRow(review.pull, review.node);
      if (record) held.records.push(record);
    }
    const authors = userReferences(
      reviews.map((r) => ({
        login: r.node.author?.login,
        id: r.node.author?.databaseId,
        type: r.node.author?.__typename,
      })),
      settings,
    );
    for (const person of authors) held.people.push(person);
    for (const p of changed) {
      held.details.push({
        number: p.number,
        mergedByLogin: p.mergedBy?.login ?? null,
        additions: toCount(p.additions),
        deletions: toCount(p.deletions),
        changedFiles: toCount(p.changedFiles),
      });
    }
    held.pulls += pulls.length;
    if (!done && held.pulls < WRITE_BATCH_PULLS) continue;
    const { records, people, details } = held;
    held = emptyBatch();
    const walkNewest = newest;
    await db.transaction().execute(async (trx) => {
      if (people.length > 0) await upsertUserRefs(trx, people);
      if (records.length > 0) await upsertReviews(trx, repositoryId, records);
      await updatePullRequestDetails(trx, repositoryId, details);
      const cursor: ReviewsCursor = done
        ? {}
        : { walk: { after: endCursor, newest: walkNewest, stopBefore } };
      const patch = {
        cursor: JSON.stringify(cursor),
        ...(done && walkNewest ? { watermarkAt: new Date(walkNewest) } : {}),
      };
      await upsertCrawlState(trx, repositoryId, 'reviews', done ? finished(clock.now(), patch) : patch);
    });
    rows += records.length;
    if (done)
      return {
        stage: 'reviews',
        outcome: pulls.length === 0 && rows === 0 ? 'unchanged' : 'ok',
        rows,
        pages,
      };
  }
  throw new Error('review walk ended without its last page'); // unreachable: readAhead yields it
};

async function moreReviews(
  deps: CrawlDeps,
  ref: RepoRef,
  number: number,
  startAfter: string | null,
): Promise<{ nodes: ReviewNode[]; pages: number }> {
  const nodes: ReviewNode[] = [];
  let after = startAfter;
  let pages = 0;
  // A pull request with hundreds of reviews is rare; its reviews stay within one page of PRs.
  for (;;) {
    const { data } = await deps.github.graphql<MoreReviewsData>(ref, MORE_REVIEWS_QUERY, {
      owner: ref.owner,
      name: ref.name,
      number,
      after,
    });
    pages += 1;
    const connection = data.repository?.pullRequest?.reviews;
    for (const node of connection?.nodes ?? []) if (node) nodes.push(node);
    if (!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return { nodes, pages };
    after = connection.pageInfo.endCursor;
  }
}

interface ReviewBatch {
  records: ReviewRecord[];
  people: GithubUserRef[];
  details: PullRequestDetails[];
  /** Pull requests read into the batch (changed or not). */
  pulls: number;
}

function emptyBatch(): ReviewBatch {
  return { records: [], people: [], details: [], pulls: 0 };
}

function parseCursor(text: string | null | undefined): ReviewsCursor {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as ReviewsCursor;
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}
