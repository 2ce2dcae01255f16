/**
 * GitHub's legacy global node ids: base64 of `0<type length>:<Type><id>`, e.g. `04:User583231` →
 * `MDQ6VXNlcjU4MzIzMQ==` (https://docs.github.com/graphql/guides/using-global-node-ids). REST and
 * GraphQL share them, so a crawler may pass a REST `node_id` to GraphQL `nodes(ids:)`.
 */
export function legacyNodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/** Commit node ids carry the repository id too: `06:Commit<repoId>:<sha>`. */
export function commitNodeId(repoId: number, sha: string): string {
  return legacyNodeId('Commit', `${repoId}:${sha}`);
}

/** Inverse of legacyNodeId; undefined when the string is not one of ours. */
export function parseLegacyNodeId(nodeId: string): { type: string; id: string } | undefined {
  const decoded = Buffer.from(nodeId, 'base64').toString('utf8');
  const match = /^0(\d+):(.+)$/.exec(decoded);
  if (match === null) return undefined;
  const typeLength = Number(match[1]);
  const rest = match[2] as string;
  if (rest.length <= typeLength) return undefined;
  return { type: rest.slice(0, typeLength), id: rest.slice(typeLength) };
}
