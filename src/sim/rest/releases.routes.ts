import { renderRelease } from '../render/release.render.js';
import type { SimRelease } from '../world.js';
import { notFound } from './github-errors.js';
import { paginate } from './paginate.js';
import { ms, numberParam, sortByKey } from './query-params.js';
import type { RepoRoute } from './rest-route.js';

/**
 * GET /repos/{o}/{r}/releases, newest first, and one release by id. Draft releases are visible only
 * to users with push access, which the simulator's callers never have, so they are not listed (and
 * answer 404 by id, as a deleted release does).
 */
export const releaseRoutes: RepoRoute[] = [
  {
    suffix: '/releases',
    handle: (req, scope) => {
      const releases = scope.repoIndex.cachedList<SimRelease>('releases', () =>
        sortByKey(
          scope.repo.releases.filter((release) => !release.draft),
          (release) => ms(release.createdAt),
          'desc',
        ),
      );
      return paginate(req, releases, (release) =>
        scope.repoIndex.itemJson((composer) => renderRelease({ ...scope, composer }, release)),
      );
    },
  },
  {
    // https://docs.github.com/rest/releases/releases#get-a-release
    suffix: '/releases/:release_id',
    handle: (req, scope) => {
      const id = numberParam(req.params['release_id']) ?? -1;
      const release = scope.repo.releases.find((r) => r.id === id && !r.draft);
      if (release === undefined) return { status: 404, body: notFound() };
      return {
        status: 200,
        json: scope.repoIndex.itemJson((composer) => renderRelease({ ...scope, composer }, release)),
      };
    },
  },
];
