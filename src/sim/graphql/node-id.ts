/**
 * Global node ids, shared by GraphQL (`id`, `nodes(ids:)`) and REST (`node_id`) so both agree.
 *
 * We use GitHub's legacy format: base64 of `0{len}:{Type}{databaseId}`, e.g. `MDQ6VXNlcjE=` is
 * base64("04:User1") and `MDEwOlJlcG9zaXRvcnkxMjk2MjY5` is base64("010:Repository1296269"), as
 * seen in older REST payloads (`node_id`). GitHub still resolves these ids in `nodes(ids:)`.
 * Commits are `06:Commit{repoId}:{sha}` in the same scheme.
 */
export type NodeType =
  | 'User'
  | 'Bot'
  | 'Organization'
  | 'Repository'
  | 'Issue'
  | 'PullRequest'
  | 'PullRequestReview'
  | 'IssueComment'
  | 'Release';

export function legacyNodeId(type: NodeType | 'Commit', key: number | string): string {
  return Buffer.from(`0${type.length}:${type}${key}`, 'utf8').toString('base64');
}

/** REST renders `node_id` of a user, bot or organisation with this (type from `SimUser.type`). */
export function userNodeId(id: number, type: 'User' | 'Bot' | 'Organization' = 'User'): string {
  return legacyNodeId(type, id);
}

export function repositoryNodeId(id: number): string {
  return legacyNodeId('Repository', id);
}

export function commitNodeId(repoId: number, sha: string): string {
  return legacyNodeId('Commit', `${repoId}:${sha}`);
}

/** Decodes a legacy id into its type and database id; undefined when it is not one of ours. */
export function decodeNodeId(nodeId: string): { type: NodeType; id: number } | undefined {
  const text = Buffer.from(nodeId, 'base64').toString('utf8');
  const match = /^0(\d+):([A-Za-z]+?)(\d+)$/.exec(text);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  if (Number(match[1]) !== match[2].length) return undefined;
  if (!NODE_TYPES.has(match[2])) return undefined;
  return { type: match[2] as NodeType, id: Number(match[3]) };
}

const NODE_TYPES = new Set<string>([
  'User',
  'Bot',
  'Organization',
  'Repository',
  'Issue',
  'PullRequest',
  'PullRequestReview',
  'IssueComment',
  'Release',
]);
