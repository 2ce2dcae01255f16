import { issueCommentJson, renderIssueComment } from '../render/comment.render.js';
import { issueJson, renderIssueFull } from '../render/issue.render.js';
import type { RepoScope } from '../render/repo-scope.js';
import type { SimIssue, SimIssueComment } from '../world.js';
import { commentById } from './comment-by-id.js';
import { notFound } from './github-errors.js';
import { paginate } from './paginate.js';
import { enumParam, instantParam, ms, numberParam, sortByKey } from './query-params.js';
import type { RepoRoute, RestRequest } from './rest-route.js';

/**
 * Issues and their comments (https://docs.github.com/rest/issues). The issues list includes pull
 * requests, marked by a `pull_request` object. Defaults as GitHub: state=open, sort=created,
 * direction=desc; `since` keeps items updated at or after it; `labels` must all match.
 */
export const issueRoutes: RepoRoute[] = [
  {
    suffix: '/issues',
    handle: (req, scope) => {
      const state = enumParam(req.query, 'state', ['open', 'closed', 'all'] as const, 'open');
      const sort = enumParam(req.query, 'sort', ['created', 'updated', 'comments'] as const, 'created');
      const direction = enumParam(req.query, 'direction', ['asc', 'desc'] as const, 'desc');
      const since = instantParam(req.query, 'since');
      const labels = (req.query.get('labels') ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const key = `issues|${state}|${sort}|${direction}|${since}|${labels.join(',')}`;
      const issues = scope.repoIndex.cachedList<SimIssue>(key, () => {
        const kept = scope.repo.issues.filter(
          (issue) =>
            (state === 'all' || issue.state === state) &&
            (since === undefined || ms(issue.updatedAt) >= since) &&
            labels.every((label) => issue.labels.includes(label)),
        );
        const sortKey =
          sort === 'created'
            ? (issue: SimIssue) => ms(issue.createdAt)
            : sort === 'updated'
              ? (issue: SimIssue) => ms(issue.updatedAt)
              : (issue: SimIssue) => scope.repoIndex.commentCount(issue.number);
        return sortByKey(kept, sortKey, direction);
      });
      return paginate(req, issues, (issue) => issueJson(scope, issue));
    },
  },
  {
    suffix: '/issues/comments',
    handle: (req, scope) => listComments(req, scope, scope.repo.issueComments, 'repo'),
  },
  {
    // One comment by id (https://docs.github.com/rest/issues/comments#get-an-issue-comment).
    suffix: '/issues/comments/:comment_id',
    handle: (req, scope) =>
      commentById(req, scope.repo.issueComments, (comment) => renderIssueComment(scope, comment)),
  },
  {
    // A deleted issue is no longer in the world: 404 (GitHub answers 404 or 410 for those).
    suffix: '/issues/:number',
    handle: (_req, scope) => {
      const issue = scope.repoIndex.issuesByNumber.get(numberParam(_req.params['number']) ?? -1);
      if (issue === undefined) return { status: 404, body: notFound() };
      return { status: 200, body: renderIssueFull(scope, issue), lastModified: issue.updatedAt };
    },
  },
  {
    suffix: '/issues/:number/comments',
    handle: (req, scope) => {
      const number = numberParam(req.params['number']) ?? -1;
      if (!scope.repoIndex.issuesByNumber.has(number)) return { status: 404, body: notFound() };
      return listComments(req, scope, scope.repoIndex.commentsByIssue.get(number) ?? [], `issue ${number}`);
    },
  },
];

/**
 * Issue comments, ascending by creation unless `sort`/`direction` say otherwise (GitHub ignores
 * `direction` without `sort`); `since` keeps comments updated at or after it.
 */
function listComments(req: RestRequest, scope: RepoScope, all: readonly SimIssueComment[], label: string) {
  const sortGiven = req.query.has('sort');
  const sort = enumParam(req.query, 'sort', ['created', 'updated'] as const, 'created');
  const direction = sortGiven ? enumParam(req.query, 'direction', ['asc', 'desc'] as const, 'desc') : 'asc';
  const since = instantParam(req.query, 'since');
  const key = `comments|${label}|${sort}|${direction}|${since}`;
  const comments = scope.repoIndex.cachedList<SimIssueComment>(key, () => {
    const kept = all.filter((comment) => since === undefined || ms(comment.updatedAt) >= since);
    const sortKey =
      sort === 'updated' ? (c: SimIssueComment) => ms(c.updatedAt) : (c: SimIssueComment) => ms(c.createdAt);
    return sortByKey(
      sortByKey(kept, (c) => c.id, 'asc'),
      sortKey,
      direction,
    );
  });
  return paginate(req, comments, (comment) => issueCommentJson(scope, comment));
}
