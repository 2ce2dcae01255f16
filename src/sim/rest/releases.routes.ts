import { renderRelease } from '../render/release.render.js';
import type { SimRelease } from '../world.js';
import { paginate } from './paginate.js';
import { ms, sortByKey } from './query-params.js';
import type { RepoRoute } from './rest-route.js';

/**
 * GET /repos/{o}/{r}/releases, newest first. Draft releases are visible only to users with push
 * access, which the simulator's callers never have, so they are not listed.
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
];
