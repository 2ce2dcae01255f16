import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { upsertIssueComments, upsertReviewComments } from '../store/discussion.store.js';
import { deleteByGithubId, listGithubIds } from '../store/github-id-rows.js';
import type { StoredItem } from './reconcile.js';
import { loadRepository } from './repo-ref.js';
import { issueCommentRow, reviewCommentRow } from './rows/discussion.rows.js';
import { userReferences, type RestUser } from './rows/user.rows.js';
import type { CrawlDeps, Stage } from './stage.js';
import { crawlUpdatedList, type ListRows } from './updated-list.js';

/**
 * Conversation on issues and pull requests, repository-wide (one list for all issues, not one per
 * issue): REST `/issues/comments` and `/pulls/comments` (review comments on diff lines), both by
 * `since` watermark.
 */
export const crawlCommentsStage: Stage = async (deps, { repositoryId }) => {
  const { ref } = await loadRepository(deps.db, repositoryId);
  // Two independent lists with their own watermarks: read side by side (both finish before the
  // stage reports, so a failure of one never leaves the other writing behind the runner's back).
  const [issueSettled, reviewSettled] = await Promise.allSettled([
    crawlUpdatedList(
      deps,
      ref,
      'comments',
      '/repos/{owner}/{repo}/issues/comments',
      commentRows(deps, issueCommentRow, (trx, records) => upsertIssueComments(trx, repositoryId, records)),
      commentReconciler('issue_comment', repositoryId, '/repos/{owner}/{repo}/issues/comments/{comment_id}'),
    ),
    crawlUpdatedList(
      deps,
      ref,
      'review_comments',
      '/repos/{owner}/{repo}/pulls/comments',
      commentRows(deps, reviewCommentRow, (trx, records) => upsertReviewComments(trx, repositoryId, records)),
      commentReconciler('review_comment', repositoryId, '/repos/{owner}/{repo}/pulls/comments/{comment_id}'),
    ),
  ]);
  if (issueSettled.status === 'rejected') throw issueSettled.reason;
  if (reviewSettled.status === 'rejected') throw reviewSettled.reason;
  const issueComments = issueSettled.value;
  const reviewComments = reviewSettled.value;
  const unchanged = issueComments.outcome === 'unchanged' && reviewComments.outcome === 'unchanged';
  return {
    stage: 'comments',
    outcome: unchanged ? 'unchanged' : 'ok',
    rows: issueComments.rows + reviewComments.rows,
    pages: issueComments.pages + reviewComments.pages,
  };
};

/** A page of either comment list: the comments and the people who wrote them. */
function commentRows<T extends { user: RestUser | null }, R extends { updatedAt: Date }>(
  deps: CrawlDeps,
  toRecord: (item: T) => R | undefined,
  upsert: (trx: Kysely<Database>, records: readonly R[]) => Promise<unknown>,
): ListRows<T, R> {
  return {
    map: (items) => ({
      records: items.map(toRecord).filter((r) => r !== undefined),
      people: userReferences(
        items.map((i) => i.user),
        deps.settings,
      ),
    }),
    upsert,
  };
}

function githubIdOf(item: { id?: unknown } | null | undefined): number | undefined {
  return typeof item?.id === 'number' ? item.id : undefined;
}

/** How either comment list finds, verifies (by its own URL) and removes comments GitHub deleted. */
function commentReconciler(
  table: 'issue_comment' | 'review_comment',
  repositoryId: number,
  itemRoute: string,
) {
  return {
    idOf: githubIdOf,
    listStored: async (trx: Kysely<Database>, upTo: Date): Promise<StoredItem[]> =>
      (await listGithubIds(trx, table, repositoryId, 'updated_at', upTo)).map((githubId) => ({
        githubId,
        params: { comment_id: githubId },
      })),
    itemRoute,
    deleteRows: (trx: Kysely<Database>, ids: readonly number[]) =>
      deleteByGithubId(trx, table, repositoryId, ids),
  };
}
