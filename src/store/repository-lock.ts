import { VitalsError } from '../shared/errors.js';

/*
 * The crawl's bulk tables (commit, issue, issue_comment, review, review_comment) have no foreign key
 * to repository (migration 2026-11-29T0700): the store keeps what it guaranteed. Writers lock the
 * repository row FOR KEY SHARE once per statement (bulkUpsert's lockRepository); a trigger on
 * repository deletes these rows with it (migration 2026-11-29T1200).
 */

/** What the store throws for a repository id that is not (or no longer) registered. */
export function repositoryNotRegistered(repositoryId: number): VitalsError {
  return new VitalsError('REPO_NOT_REGISTERED', `No registered repository has id ${repositoryId}`, {
    id: repositoryId,
  });
}
