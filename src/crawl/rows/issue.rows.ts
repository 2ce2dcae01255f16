import type { IssueRecord } from '../../store/issue.store.js';
import { bodyLength, cleanText, toCount, toDateOrNull } from './clean-text.js';
import type { RestUser } from './user.rows.js';

/** An item of REST `GET /repos/{o}/{r}/issues` (pull requests included, with `pull_request`). */
export interface RestIssue {
  id: number;
  number: number;
  title: string | null;
  user: RestUser | null;
  author_association?: string | null;
  state: string;
  state_reason?: string | null;
  locked?: boolean | null;
  labels?: Array<{ name?: string | null } | string> | null;
  comments?: number | null;
  body?: string | null;
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  closed_by?: RestUser | null;
  draft?: boolean | null;
  pull_request?: { merged_at?: string | null } | null;
}

export function issueRow(item: RestIssue): IssueRecord {
  const isPull = Boolean(item.pull_request);
  const created = toDateOrNull(item.created_at) ?? new Date(0);
  return {
    number: item.number,
    githubId: item.id,
    isPullRequest: isPull,
    title: cleanText(item.title ?? '', 1000),
    // A deleted account comes back as null or as GitHub's "ghost" placeholder; both mean "no one".
    authorLogin: isGhost(item.user) ? null : cleanText(item.user?.login, 100),
    authorUserId: isGhost(item.user) ? null : (item.user?.id ?? null),
    authorAssociation: cleanText(item.author_association, 40),
    state: item.state === 'closed' ? 'closed' : 'open',
    stateReason: cleanText(item.state_reason, 40),
    locked: item.locked === true,
    labels: (item.labels ?? [])
      .map((label) => (typeof label === 'string' ? label : (label?.name ?? '')))
      .filter((name) => name.length > 0)
      .slice(0, 100)
      .map((name) => cleanText(name, 200)),
    commentCount: toCount(item.comments) ?? 0,
    bodyLength: bodyLength(item.body),
    createdAt: created,
    updatedAt: toDateOrNull(item.updated_at) ?? created,
    closedAt: toDateOrNull(item.closed_at),
    closedByLogin: isGhost(item.closed_by) ? null : cleanText(item.closed_by?.login, 100),
    mergedAt: isPull ? toDateOrNull(item.pull_request?.merged_at) : null,
    mergedByLogin: null,
    draft: isPull ? item.draft === true : null,
    additions: null,
    deletions: null,
    changedFiles: null,
  };
}

export function isGhost(user: RestUser | null | undefined): boolean {
  return !user || user.login === 'ghost';
}
