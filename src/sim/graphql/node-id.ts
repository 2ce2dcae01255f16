import { commitNodeId, legacyNodeId, parseLegacyNodeId } from '../render/node-id.js';

/**
 * Global node ids, shared with REST's `node_id` (src/sim/render/node-id.ts owns the encoding:
 * GitHub's legacy base64 of `0{len}:{Type}{databaseId}`, e.g. `MDQ6VXNlcjE=` = "04:User1"), so a
 * crawler may pass a REST `node_id` to GraphQL `nodes(ids:)`. GitHub still resolves these ids.
 */
export { commitNodeId, legacyNodeId };

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

/** The node id of a user, bot or organisation (type from `SimUser.type`), as REST renders it. */
export function userNodeId(id: number, type: 'User' | 'Bot' | 'Organization' = 'User'): string {
  return legacyNodeId(type, id);
}

export function repositoryNodeId(id: number): string {
  return legacyNodeId('Repository', id);
}

/** A node id of a type `nodes(ids:)` resolves, with its database id; undefined otherwise. */
export function decodeNodeId(nodeId: string): { type: NodeType; id: number } | undefined {
  const parsed = parseLegacyNodeId(nodeId);
  if (!parsed || !NODE_TYPES.has(parsed.type) || !/^\d+$/.test(parsed.id)) return undefined;
  return { type: parsed.type as NodeType, id: Number(parsed.id) };
}
