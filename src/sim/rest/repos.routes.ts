import { renderRepoFull } from '../render/repo.render.js';
import type { RepoRoute } from './rest-route.js';

/** GET /repos/{owner}/{repo} and GET /repositories/{id}. */
export const repoRoutes: RepoRoute[] = [
  {
    suffix: '',
    handle: (req, scope) => {
      const owner = scope.world.ownerOf(scope.repo);
      const body = renderRepoFull(req.ctx, scope.repo, {
        owner,
        openIssuesCount: scope.repoIndex.openIssuesCount,
      });
      const lastModified = [scope.repo.updatedAt, scope.repo.pushedAt].sort().at(-1) ?? scope.repo.updatedAt;
      return { status: 200, body, lastModified };
    },
  },
];
