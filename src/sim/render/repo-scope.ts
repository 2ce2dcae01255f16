import type { RepoIndex, WorldIndex } from '../world-index.js';
import type { SimRepo, SimUser } from '../world.js';
import type { JsonComposer } from './json-composer.js';
import type { RenderContext } from './render-context.js';
import { GHOST_USER, renderSimpleUser } from './user.render.js';

/** Everything a renderer needs about one repository. */
export interface RepoScope {
  ctx: RenderContext;
  repo: SimRepo;
  repoIndex: RepoIndex;
  world: WorldIndex;
  /** `https://…/repos/{owner}/{name}` under the client's API base. */
  repoUrl: string;
  repoHtml: string;
  /** `repoUrl` and `repoHtml` as JSON string content (escaped, unquoted), for direct renderers. */
  repoUrlText: string;
  repoHtmlText: string;
  /** Set while rendering a cached list item: embedded users/repos are spliced in as cached JSON. */
  composer: JsonComposer | null;
}

export function repoScope(ctx: RenderContext, world: WorldIndex, repo: SimRepo): RepoScope {
  const fullName = `${repo.owner}/${repo.name}`;
  const repoUrl = `${ctx.api}/repos/${fullName}`;
  const repoHtml = `${ctx.web}/${fullName}`;
  return {
    ctx,
    repo,
    repoIndex: world.repo(repo),
    world,
    repoUrl,
    repoHtml,
    repoUrlText: jsonText(repoUrl),
    repoHtmlText: jsonText(repoHtml),
    composer: null,
  };
}

/** The simple-user object for embedding: a cached JSON splice while composing, else an object. */
export function embedUser(scope: RepoScope, user: SimUser): unknown {
  if (scope.composer === null) return renderSimpleUser(scope.ctx, user);
  return scope.composer.raw(embeddedUserJson(scope, user));
}

/** The simple-user object as cached JSON text, for renderers that write JSON directly. */
export function embeddedUserJson(scope: RepoScope, user: SimUser): string {
  return scope.repoIndex.embeddedUserJson(scope.ctx.api, user.login, () =>
    JSON.stringify(renderSimpleUser(scope.ctx, user)),
  );
}

/** JSON string content of `text`: what JSON.stringify writes between the quotes. */
export function jsonText(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Any object worth caching as JSON (e.g. the repository summary inside pull requests). */
export function embedCached(scope: RepoScope, key: string, render: () => unknown): unknown {
  if (scope.composer === null) return render();
  return scope.composer.raw(
    scope.repoIndex.embeddedJson(`${scope.ctx.api}|${key}`, () => JSON.stringify(render())),
  );
}

/** Deleted accounts (`null`) render as GitHub's "ghost". */
export function userFor(scope: RepoScope, login: string | null): SimUser {
  return login === null ? GHOST_USER : scope.world.userOrSynthetic(login);
}

/**
 * `author_association` from what the world knows: the owner account is OWNER, anyone with a
 * linked commit on the default branch CONTRIBUTOR, everyone else NONE. (GitHub also has MEMBER and
 * COLLABORATOR, which need membership data the world does not hold.)
 */
export function associationOf(scope: RepoScope, login: string | null): string {
  if (login === null) return 'NONE';
  if (login.toLowerCase() === scope.repo.owner.toLowerCase()) return 'OWNER';
  return scope.repoIndex.commitAuthorLogins.has(login.toLowerCase()) ? 'CONTRIBUTOR' : 'NONE';
}

/** What follows `{"url":…` in an empty reactions object (JSON.stringify(emptyReactions(url))), brace included. */
export const REACTION_COUNTS =
  ',"total_count":0,"+1":0,"-1":0,"laugh":0,"hooray":0,"confused":0,"heart":0,"rocket":0,"eyes":0}';

export function emptyReactions(url: string): Record<string, unknown> {
  return {
    url,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

/** Stable pseudo ids and shas for things the world does not model (labels, trees, head shas). */
export function stableNumber(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0) % 2_000_000_000;
}

export function stableSha(text: string): string {
  let out = '';
  let seed = stableNumber(text);
  while (out.length < 40) {
    seed = Math.imul(seed ^ (seed >>> 15), 2246822519) >>> 0;
    out += seed.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}
