import { renderCommit, renderCommitFull } from '../render/commit.render.js';
import type { SimCommit } from '../world.js';
import { errorBody, notFound } from './github-errors.js';
import { paginate } from './paginate.js';
import { instantParam } from './query-params.js';
import { emptyRepository, isEmpty } from './repo-routes.js';
import type { RepoRoute } from './rest-route.js';

const LIST_DOCS = 'https://docs.github.com/rest/commits/commits#list-commits';

/**
 * GET /repos/{o}/{r}/commits: default-branch history newest first; `sha` (branch or commit to
 * start from), `since`/`until` (committer date, as `git log --since`), `author` (login or email).
 */
export const commitRoutes: RepoRoute[] = [
  {
    suffix: '/commits',
    handle: (req, scope) => {
      if (isEmpty(scope)) return emptyRepository(LIST_DOCS);
      const sha = req.query.get('sha') ?? '';
      let start = 0;
      if (sha !== '' && sha !== scope.repo.defaultBranch && sha !== 'HEAD') {
        const position = findCommit(scope.repoIndex.commitPosition, sha);
        if (position === undefined) return { status: 404, body: notFound() };
        start = position;
      }
      const since = instantParam(req.query, 'since');
      const until = instantParam(req.query, 'until');
      const author = (req.query.get('author') ?? '').toLowerCase();
      const key = `commits|${start}|${since}|${until}|${author}`;
      const commits =
        start === 0 && since === undefined && until === undefined && author === ''
          ? scope.repo.commits
          : scope.repoIndex.cachedList<SimCommit>(key, () => {
              const times = scope.repoIndex.committerMs();
              const kept: SimCommit[] = [];
              for (let position = start; position < scope.repo.commits.length; position++) {
                const at = times[position] as number;
                if (since !== undefined && at < since) continue;
                if (until !== undefined && at > until) continue;
                const commit = scope.repo.commits[position] as SimCommit;
                if (
                  author !== '' &&
                  commit.authorLogin?.toLowerCase() !== author &&
                  commit.author.email.toLowerCase() !== author
                ) {
                  continue;
                }
                kept.push(commit);
              }
              return kept;
            });
      return paginate(req, commits, (commit) =>
        scope.repoIndex.itemJson((composer) => renderCommit({ ...scope, composer }, commit)),
      );
    },
  },
  {
    suffix: '/commits/:ref',
    handle: (req, scope) => {
      if (isEmpty(scope)) return emptyRepository('https://docs.github.com/rest/commits/commits#get-a-commit');
      const ref = req.params['ref'] ?? '';
      const position =
        ref === scope.repo.defaultBranch || ref === 'HEAD'
          ? 0
          : findCommit(scope.repoIndex.commitPosition, ref);
      const commit = position === undefined ? undefined : scope.repo.commits[position];
      if (commit === undefined)
        return { status: 422, body: errorBody(422, `No commit found for SHA: ${ref}`) };
      return { status: 200, body: renderCommitFull(scope, commit) };
    },
  },
];

/** Full sha, or an abbreviated one of at least 7 hex digits (as git accepts). */
function findCommit(positions: Map<string, number>, sha: string): number | undefined {
  const exact = positions.get(sha);
  if (exact !== undefined || sha.length >= 40 || !/^[0-9a-f]{7,}$/i.test(sha)) return exact;
  for (const [full, position] of positions) if (full.startsWith(sha.toLowerCase())) return position;
  return undefined;
}
