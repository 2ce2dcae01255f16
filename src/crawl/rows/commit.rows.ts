import type { CommitRecord } from '../../store/commit.store.js';
import { cleanText, toCount } from './clean-text.js';
import { parseGitTimestamp } from './git-timestamp.js';

/** One node of `Commit.history` as our query asks for it (graphql/commit-history.query.ts). */
export interface CommitNode {
  oid: string;
  messageHeadline: string | null;
  additions: number | null;
  deletions: number | null;
  changedFilesIfAvailable?: number | null;
  parents: { totalCount: number } | null;
  author: GitActorNode | null;
  committer: GitActorNode | null;
}

export interface GitActorNode {
  name: string | null;
  email: string | null;
  date: string | null;
  user: { login: string; databaseId: number | null } | null;
}

const EPOCH = { at: new Date(0), utcOffsetMinutes: 0 };

export function commitRow(node: CommitNode): CommitRecord {
  const authored = (node.author?.date && parseGitTimestamp(node.author.date)) || undefined;
  const committed = (node.committer?.date && parseGitTimestamp(node.committer.date)) || undefined;
  // A commit always has both dates in git; fall back on the other one rather than inventing a time.
  const author = authored ?? committed ?? EPOCH;
  const committer = committed ?? authored ?? EPOCH;
  return {
    sha: node.oid,
    authorName: cleanText(node.author?.name, 512),
    authorEmail: cleanText(node.author?.email, 512),
    authorLogin: cleanText(node.author?.user?.login, 100),
    authorUserId: node.author?.user?.databaseId ?? null,
    authoredAt: author.at,
    authorUtcOffsetMinutes: author.utcOffsetMinutes,
    committerName: cleanText(node.committer?.name, 512),
    committerEmail: cleanText(node.committer?.email, 512),
    committerLogin: cleanText(node.committer?.user?.login, 100),
    committerUserId: node.committer?.user?.databaseId ?? null,
    committedAt: committer.at,
    committerUtcOffsetMinutes: committer.utcOffsetMinutes,
    additions: toCount(node.additions),
    deletions: toCount(node.deletions),
    changedFiles: toCount(node.changedFilesIfAvailable),
    messageHeadline: cleanText(node.messageHeadline ?? '', 1000),
    parentCount: toCount(node.parents?.totalCount) ?? 1,
  };
}
