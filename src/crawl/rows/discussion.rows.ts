import type { ReviewState } from '../../../schema/tables/discussion.table.js';
import type { IssueCommentRecord, ReviewCommentRecord, ReviewRecord } from '../../store/discussion.store.js';
import { bodyLength, cleanText, toDateOrNull } from './clean-text.js';
import { isGhost } from './issue.rows.js';
import type { RestUser } from './user.rows.js';

/** An item of REST `GET /repos/{o}/{r}/issues/comments` (repository-wide). */
export interface RestIssueComment {
  id: number;
  issue_url: string;
  user: RestUser | null;
  author_association?: string | null;
  body?: string | null;
  created_at: string;
  updated_at: string;
}

export function issueCommentRow(item: RestIssueComment): IssueCommentRecord | undefined {
  // The list carries the issue only as a URL: …/issues/{number}.
  const issueNumber = trailingNumber(item.issue_url, '/issues/');
  if (issueNumber === undefined) return undefined;
  return Object.assign(commentColumns(item), { issueNumber });
}

/** A review node of the reviews stage's GraphQL query. */
export interface ReviewNode {
  databaseId: number | null;
  state: string;
  body: string | null;
  submittedAt: string | null;
  authorAssociation: string | null;
  author: { __typename?: string; login: string; databaseId?: number | null } | null;
}

const REVIEW_STATES = new Set<ReviewState>([
  'APPROVED',
  'CHANGES_REQUESTED',
  'COMMENTED',
  'DISMISSED',
  'PENDING',
]);

export function reviewRow(pullNumber: number, node: ReviewNode): ReviewRecord | undefined {
  if (typeof node.databaseId !== 'number') return undefined;
  const ghost = !node.author || node.author.login === 'ghost';
  return {
    githubId: node.databaseId,
    pullNumber: pullNumber,
    authorLogin: ghost ? null : cleanText(node.author?.login, 100),
    authorUserId: ghost ? null : (node.author?.databaseId ?? null),
    authorAssociation: cleanText(node.authorAssociation, 40),
    state: REVIEW_STATES.has(node.state as ReviewState) ? (node.state as ReviewState) : 'COMMENTED',
    submittedAt: toDateOrNull(node.submittedAt),
    bodyLength: bodyLength(node.body),
  };
}

/** An item of REST `GET /repos/{o}/{r}/pulls/comments` (repository-wide review comments). */
export interface RestReviewComment {
  id: number;
  pull_request_review_id?: number | null;
  in_reply_to_id?: number | null;
  pull_request_url: string;
  user: RestUser | null;
  author_association?: string | null;
  body?: string | null;
  created_at: string;
  updated_at: string;
}

export function reviewCommentRow(item: RestReviewComment): ReviewCommentRecord | undefined {
  const pullNumber = trailingNumber(item.pull_request_url, '/pulls/');
  if (pullNumber === undefined) return undefined;
  return Object.assign(commentColumns(item), {
    pullNumber,
    reviewGithubId: item.pull_request_review_id ?? null,
    inReplyToGithubId: item.in_reply_to_id ?? null,
  });
}

/**
 * What both REST comment lists carry alike: id, author (null for deleted accounts), times, body size.
 * The rows add their own columns with Object.assign: a spread into a new literal doubled the mapping.
 */
function commentColumns(item: RestIssueComment | RestReviewComment) {
  const created = toDateOrNull(item.created_at) ?? new Date(0);
  const author = isGhost(item.user) ? null : item.user;
  return {
    githubId: item.id,
    authorLogin: author === null ? null : cleanText(author.login, 100),
    authorUserId: author === null ? null : (author.id ?? null),
    authorAssociation: cleanText(item.author_association, 40),
    createdAt: created,
    updatedAt: toDateOrNull(item.updated_at) ?? created,
    bodyLength: bodyLength(item.body),
  };
}

/**
 * The number ending a URL after its last `marker` (`…/issues/12` → 12), as `/marker(\d+)$/` would read
 * it; undefined when the URL does not end so or the number is beyond 2^53.
 */
function trailingNumber(url: string | null | undefined, marker: string): number | undefined {
  const text = String(url ?? '');
  const start = text.lastIndexOf(marker) + marker.length;
  if (start < marker.length || start === text.length) return undefined;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return undefined;
  }
  const n = Number(text.slice(start));
  return Number.isSafeInteger(n) ? n : undefined;
}
