import type { SimRelease } from '../world.js';
import { legacyNodeId } from './node-id.js';
import { utc } from './render-context.js';
import { embedUser, userFor, type RepoScope } from './repo-scope.js';

/** A release (GET /repos/{o}/{r}/releases). */
export function renderRelease(scope: RepoScope, release: SimRelease): Record<string, unknown> {
  const url = `${scope.repoUrl}/releases/${release.id}`;
  const uploadHost = scope.ctx.api.replace('://', '://uploads.');
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `${uploadHost}/repos/${scope.repo.owner}/${scope.repo.name}/releases/${release.id}/assets{?name,label}`,
    html_url: `${scope.repoHtml}/releases/tag/${encodeURIComponent(release.tagName)}`,
    id: release.id,
    author: embedUser(scope, userFor(scope, release.authorLogin)),
    node_id: legacyNodeId('Release', release.id),
    tag_name: release.tagName,
    target_commitish: scope.repo.defaultBranch,
    name: release.name,
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: utc(release.createdAt),
    published_at: utc(release.publishedAt),
    assets: [],
    tarball_url: `${scope.repoUrl}/tarball/${encodeURIComponent(release.tagName)}`,
    zipball_url: `${scope.repoUrl}/zipball/${encodeURIComponent(release.tagName)}`,
    body: release.body,
  };
}
