import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';

/**
 * ADAPTER: two writes the crawl needs that src/store does not offer (yet). Move them into
 * issue.store.ts / user.store.ts when their owner agrees.
 */

/** Pull request columns the REST issue list lacks; the reviews stage reads them from GraphQL. */
export interface PullRequestDetails {
  readonly number: number;
  readonly mergedByLogin: string | null;
  readonly additions: number | null;
  readonly deletions: number | null;
  readonly changedFiles: number | null;
}

export async function updatePullRequestDetails(
  db: Kysely<Database>,
  repositoryId: number,
  details: readonly PullRequestDetails[],
): Promise<void> {
  for (const d of details) {
    await db
      .updateTable('issue')
      .set({
        merged_by_login: d.mergedByLogin,
        additions: d.additions,
        deletions: d.deletions,
        changed_files: d.changedFiles,
      })
      .where('repository_id', '=', repositoryId)
      .where('number', '=', d.number)
      .where('is_pull_request', '=', true)
      .execute();
  }
}

/**
 * Accounts GitHub no longer resolves by login (renamed or deleted since we saw them): note that we
 * looked, so they are not asked for again before the profile TTL.
 */
export async function markUsersObserved(
  db: Kysely<Database>,
  ids: readonly number[],
  observedAt: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('github_user')
    .set({ observed_at: observedAt })
    .where('id', 'in', [...ids])
    .execute();
}
