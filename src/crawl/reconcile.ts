import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { CrawlState } from '../store/crawl-state.store.js';

const DAY_MS = 86_400_000;

/** How a list finds and removes stored rows GitHub no longer lists (SQL in src/store). */
export interface Reconciler {
  /** GitHub ids of the stored rows of this repository and entity updated up to `updatedUpTo`. */
  listStored(trx: Kysely<Database>, updatedUpTo: Date): Promise<number[]>;
  /** Deletes these rows (and what depends on them); returns how many were deleted. */
  deleteRows(trx: Kysely<Database>, githubIds: readonly number[]): Promise<number>;
}

/**
 * Whether the next read of a list must be a full one (design §4 "periodic full reconciliation"):
 * a list never read (no watermark) is read in full anyway; otherwise when `everyDays` > 0 and the
 * last reconciliation is missing or at least `everyDays` old.
 */
export function reconciliationDue(
  previous: Pick<CrawlState, 'watermarkAt' | 'reconciledAt'> | undefined,
  everyDays: number,
  now: Date,
): boolean {
  if (!previous?.watermarkAt) return true;
  if (!(everyDays > 0)) return false;
  if (!previous.reconciledAt) return true;
  return now.getTime() - previous.reconciledAt.getTime() >= everyDays * DAY_MS;
}

/** Stored ids a complete read did not see: the rows deleted on GitHub. */
export function unseenIds(stored: readonly number[], seen: ReadonlySet<number>): number[] {
  return stored.filter((id) => !seen.has(id));
}
