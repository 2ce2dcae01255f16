import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { CrawlState } from '../store/crawl-state.store.js';

const DAY_MS = 86_400_000;

/** A stored row a reconciliation may judge: its GitHub id and the parameters of its own URL. */
export interface StoredItem {
  readonly githubId: number;
  /** Path parameters of `Reconciler.itemRoute` for this row (`owner`/`repo` are added). */
  readonly params: Readonly<Record<string, number>>;
}

/** How a list finds and removes stored rows GitHub no longer lists (SQL in src/store). */
export interface Reconciler {
  /** The stored rows of this repository and entity updated up to `updatedUpTo`. */
  listStored(trx: Kysely<Database>, updatedUpTo: Date): Promise<StoredItem[]>;
  /**
   * The REST route of one item (e.g. `/repos/{owner}/{repo}/issues/{issue_number}`): a candidate is
   * deleted only once this answers 404 or 410.
   */
  readonly itemRoute: string;
  /** Deletes these rows (and what depends on them); returns how many were deleted. */
  deleteRows(trx: Kysely<Database>, githubIds: readonly number[]): Promise<number>;
}

/** How a list's items are told apart for reconciliation: their GitHub id and the store's side. */
export interface ListReconciler<T> extends Reconciler {
  idOf(item: T): number | undefined;
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

/**
 * For a list read whole whenever it changed (releases): due when `everyDays` > 0 and the last
 * reconciliation is missing or at least `everyDays` old. A due read skips the conditional request:
 * a stored ETag vouches for the first page only, and a deletion further down leaves it as it was.
 */
export function wholeListReconciliationDue(
  previous: Pick<CrawlState, 'reconciledAt'> | undefined,
  everyDays: number,
  now: Date,
): boolean {
  if (!(everyDays > 0)) return false;
  if (!previous?.reconciledAt) return true;
  return now.getTime() - previous.reconciledAt.getTime() >= everyDays * DAY_MS;
}

/**
 * Stored rows a complete read did not see: candidates for deletion, not proof of it. GitHub pages by
 * offset, so an item updated or deleted during the read shifts the later pages and a live item can
 * slip between two of them; each candidate is asked for by its own URL before it is deleted.
 */
export function unseenItems(stored: readonly StoredItem[], seen: ReadonlySet<number>): StoredItem[] {
  return stored.filter((item) => !seen.has(item.githubId));
}

/** What asking GitHub for each candidate found (see verifyCandidates). */
export interface Verification {
  /** Candidates GitHub answered 404 or 410 for: these may be deleted. */
  readonly gone: number[];
  /** Candidates GitHub still has (missed by the full read): kept. */
  readonly live: number[];
  /** Candidates whose request failed otherwise: kept, judged again next reconciliation. */
  readonly failed: number[];
  /** Candidates beyond `limit`, not asked for: kept until the next reconciliation. */
  readonly deferred: number;
}

/**
 * Asks for at most `limit` candidates, one request each, in order. `exists` answers true (the item is
 * there), false (404/410) or throws (anything else: the candidate is kept).
 */
export async function verifyCandidates(
  candidates: readonly StoredItem[],
  limit: number,
  exists: (item: StoredItem) => Promise<boolean>,
  onFailure: (item: StoredItem, err: unknown) => void,
): Promise<Verification> {
  const asked = candidates.slice(0, Math.max(0, limit));
  const gone: number[] = [];
  const live: number[] = [];
  const failed: number[] = [];
  for (const item of asked) {
    try {
      ((await exists(item)) ? live : gone).push(item.githubId);
    } catch (err) {
      failed.push(item.githubId);
      onFailure(item, err);
    }
  }
  return { gone, live, failed, deferred: candidates.length - asked.length };
}
