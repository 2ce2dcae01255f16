import { repoScope, type RepoScope } from '../render/repo-scope.js';
import type { SimRepo } from '../world.js';
import { errorBody, notFound } from './github-errors.js';
import type { RepoRoute, RestRequest, RestResult } from './rest-route.js';

/** How the request named its repository. */
export type RepoLocator = { by: 'name'; owner: string; name: string } | { by: 'id'; id: number };

/**
 * Resolves the repository of a repo-scoped request and answers what GitHub answers before any
 * handler runs: 404 for unknown or deleted repositories, 301 to `/repositories/{id}/…` for a
 * former name (as the `rename-repository` recording shows), 451 for DMCA-blocked ones.
 */
export function serveRepoRoute(
  req: RestRequest,
  locator: RepoLocator,
  suffixPath: string,
  route: RepoRoute,
): RestResult {
  const found = locate(req, locator);
  if (found === undefined) return { status: 404, body: notFound() };
  const { repo, renamed } = found;
  if (repo.status === 'gone') return { status: 404, body: notFound() };
  if (renamed) {
    const search = req.query.toString();
    const location = `${req.ctx.api}/repositories/${repo.id}${suffixPath}${search === '' ? '' : `?${search}`}`;
    return {
      status: 301,
      body: {
        message: 'Moved Permanently',
        url: location,
        documentation_url: 'https://docs.github.com/v3/#http-redirects',
      },
      headers: { location },
    };
  }
  if (repo.status === 'dmca') return { status: 451, body: blocked(repo) };
  const scope: RepoScope = repoScope(req.ctx, req.state.index, repo);
  req.linkBase = `${req.ctx.api}/repositories/${repo.id}${suffixPath}`;
  // The whole query, in order: the cached Link must echo the parameters as this request gave them.
  const limit = req.state.config.rest.contributorLinkLimit;
  req.pageCacheKey = `${repo.id}|${scope.repoIndex.fingerprint}|${req.linkBase}?${req.query.toString()}|${limit}`;
  return route.handle(req, scope);
}

function locate(req: RestRequest, locator: RepoLocator): { repo: SimRepo; renamed: boolean } | undefined {
  if (locator.by === 'name') return req.state.index.repoByFullName(locator.owner, locator.name);
  const repo = req.state.index.repoById(locator.id);
  return repo === undefined ? undefined : { repo, renamed: false };
}

function blocked(repo: SimRepo): Record<string, unknown> {
  return {
    ...errorBody(451, 'Repository access blocked'),
    block: {
      reason: 'dmca',
      created_at: repo.updatedAt.replace(/\.\d{3}Z$/, 'Z'),
      html_url: `https://github.com/github/dmca/blob/master/${repo.updatedAt.slice(0, 4)}/${repo.owner}-${repo.name}.md`,
    },
  };
}

/** 409 on history endpoints of a repository without commits. */
export function emptyRepository(documentationUrl: string): RestResult {
  return { status: 409, body: errorBody(409, 'Git Repository is empty.', documentationUrl) };
}

export function isEmpty(scope: RepoScope): boolean {
  return scope.repo.status === 'empty' || scope.repo.commits.length === 0;
}
