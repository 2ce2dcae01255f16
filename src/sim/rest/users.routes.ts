import { renderRepoSummary } from '../render/repo.render.js';
import { renderFullUser, renderOrganization } from '../render/user.render.js';
import type { SimRepo, SimUser } from '../world.js';
import { notFound } from './github-errors.js';
import { paginate } from './paginate.js';
import { enumParam, ms, numberParam, sortByKey } from './query-params.js';
import type { RestRequest, RestResult, RestRoute } from './rest-route.js';

/** Users, organisations and their repository lists. */
export const userRoutes: RestRoute[] = [
  {
    path: '/users/:login',
    handle: (req) => userResult(req, req.state.index.userByLogin(req.params['login'] ?? '')),
  },
  {
    path: '/user/:id',
    handle: (req) => userResult(req, req.state.index.userById(numberParam(req.params['id']) ?? -1)),
  },
  {
    path: '/orgs/:org',
    handle: (req) => {
      const org = req.state.index.userByLogin(req.params['org'] ?? '');
      if (org === undefined || org.type !== 'Organization') return { status: 404, body: notFound() };
      const body = renderOrganization(req.ctx, org, { publicRepos: listedRepos(req, org.login).length });
      return { status: 200, body, lastModified: org.updatedAt };
    },
  },
  {
    path: '/orgs/:org/repos',
    handle: (req) => {
      const org = req.state.index.userByLogin(req.params['org'] ?? '');
      if (org === undefined || org.type !== 'Organization') return { status: 404, body: notFound() };
      return repoList(req, org, 'created');
    },
  },
  {
    path: '/users/:login/repos',
    handle: (req) => {
      const user = req.state.index.userByLogin(req.params['login'] ?? '');
      if (user === undefined) return { status: 404, body: notFound() };
      return repoList(req, user, 'full_name');
    },
  },
];

function userResult(req: RestRequest, user: SimUser | undefined): RestResult {
  if (user === undefined) return { status: 404, body: notFound() };
  const body = renderFullUser(req.ctx, user, { publicRepos: listedRepos(req, user.login).length });
  return { status: 200, body, lastModified: user.updatedAt };
}

/** Deleted repositories disappear from listings; blocked ones still appear (and answer 451). */
function listedRepos(req: RestRequest, login: string): SimRepo[] {
  return req.state.index
    .reposOwnedBy(login)
    .filter((repo) => repo.status !== 'gone' && repo.visibility === 'public');
}

/**
 * `sort` created|updated|pushed|full_name (org default created, user default full_name);
 * `direction` defaults to asc for full_name, else desc; `type` forks|sources filter forks.
 */
function repoList(req: RestRequest, owner: SimUser, defaultSort: 'created' | 'full_name'): RestResult {
  const sort = enumParam(
    req.query,
    'sort',
    ['created', 'updated', 'pushed', 'full_name'] as const,
    defaultSort,
  );
  const direction = enumParam(
    req.query,
    'direction',
    ['asc', 'desc'] as const,
    sort === 'full_name' ? 'asc' : 'desc',
  );
  const type = req.query.get('type') ?? 'all';
  let repos = listedRepos(req, owner.login);
  if (type === 'forks') repos = repos.filter((repo) => repo.fork);
  if (type === 'sources') repos = repos.filter((repo) => !repo.fork);
  const sorted =
    sort === 'full_name'
      ? [...repos].sort(
          (a, b) => (direction === 'asc' ? 1 : -1) * a.name.toLowerCase().localeCompare(b.name.toLowerCase()),
        )
      : sortByKey(
          repos,
          (repo) =>
            ms(sort === 'created' ? repo.createdAt : sort === 'updated' ? repo.updatedAt : repo.pushedAt),
          direction,
        );
  return paginate(req, sorted, (repo) =>
    JSON.stringify(
      renderRepoSummary(req.ctx, repo, {
        owner,
        openIssuesCount: req.state.index.repo(repo).openIssuesCount,
      }),
    ),
  );
}
