import type { EpochMs } from './inputs.js';

export interface ResponseCandidate {
  readonly at: EpochMs;
  readonly authorKey: string;
  readonly isBot: boolean;
}

/**
 * The reference rule behind `IssueRow.firstResponseAt`, for the store's SQL to be tested against:
 * the earliest issue comment, review comment or submitted review by someone who is neither the
 * item's author nor a bot. The author answering themselves, or a bot's welcome message, is not a
 * response. Candidates before the item's creation (clock skew on imports) count from creation.
 */
export function findFirstResponseAt(
  itemAuthorKey: string,
  createdAt: EpochMs,
  candidates: Iterable<ResponseCandidate>,
): EpochMs | null {
  let first: EpochMs | null = null;
  for (const c of candidates) {
    if (c.isBot || c.authorKey === itemAuthorKey) continue;
    const at = Math.max(c.at, createdAt);
    if (first === null || at < first) first = at;
  }
  return first;
}
