import { renderReview, renderReviewComment, reviewCommentJson } from '../render/comment.render.js';
import { isPull, renderPull, renderPullFull } from '../render/pull.render.js';
import type { SimIssue, SimReviewComment } from '../world.js';
import { commentById } from './comment-by-id.js';
import { notFound } from './github-errors.js';
import { paginate } from './paginate.js';
import { enumParam, instantParam, ms, numberParam, sortByKey } from './query-params.js';
import type { RepoRoute } from './rest-route.js';

/**
 * Pull requests, reviews and review comments (https://docs.github.com/rest/pulls). List defaults as
 * GitHub: state=open, sort=created, direction desc for `created` (or no sort), asc otherwise.
 * Pending reviews are private to their author and never listed.
 */
export const pullRoutes: RepoRoute[] = [
  {
    suffix: '/pulls',
    handle: (req, scope) => {
      const state = enumParam(req.query, 'state', ['open', 'closed', 'all'] as const, 'open');
      const sort = enumParam(
        req.query,
        'sort',
        ['created', 'updated', 'popularity', 'long-running'] as const,
        'created',
      );
      const direction = enumParam(
        req.query,
        'direction',
        ['asc', 'desc'] as const,
        sort === 'created' ? 'desc' : 'asc',
      );
      const base = req.query.get('base') ?? '';
      const key = `pulls|${state}|${sort}|${direction}|${base}`;
      const pulls = scope.repoIndex.cachedList<SimIssue>(key, () => {
        const kept = scope.repoIndex.pulls.filter(
          (pull) =>
            (state === 'all' || pull.state === state) && (base === '' || pull.pullRequest?.baseRef === base),
        );
        const sortKey =
          sort === 'updated'
            ? (pull: SimIssue) => ms(pull.updatedAt)
            : sort === 'popularity'
              ? (pull: SimIssue) => scope.repoIndex.commentCount(pull.number)
              : (pull: SimIssue) => ms(pull.createdAt);
        return sortByKey(kept, sortKey, direction);
      });
      return paginate(req, pulls, (pull) =>
        scope.repoIndex.itemJson((composer) =>
          isPull(pull) ? renderPull({ ...scope, composer }, pull) : {},
        ),
      );
    },
  },
  {
    suffix: '/pulls/comments',
    handle: (req, scope) => {
      const sortGiven = req.query.has('sort');
      const sort = enumParam(req.query, 'sort', ['created', 'updated'] as const, 'created');
      const direction = sortGiven
        ? enumParam(req.query, 'direction', ['asc', 'desc'] as const, 'desc')
        : 'asc';
      const since = instantParam(req.query, 'since');
      const key = `review-comments|${sort}|${direction}|${since}`;
      const comments = scope.repoIndex.cachedList<SimReviewComment>(key, () => {
        const kept = scope.repo.reviewComments.filter((c) => since === undefined || ms(c.updatedAt) >= since);
        const byId = sortByKey(kept, (c) => c.id, 'asc');
        return sortByKey(byId, (c) => ms(sort === 'updated' ? c.updatedAt : c.createdAt), direction);
      });
      return paginate(req, comments, (comment) => reviewCommentJson(scope, comment));
    },
  },
  {
    // One review comment by id (https://docs.github.com/rest/pulls/comments#get-a-review-comment-for-a-pull-request).
    suffix: '/pulls/comments/:comment_id',
    handle: (req, scope) =>
      commentById(req, scope.repo.reviewComments, (comment) => renderReviewComment(scope, comment)),
  },
  {
    suffix: '/pulls/:number',
    handle: (req, scope) => {
      const pull = scope.repoIndex.issuesByNumber.get(numberParam(req.params['number']) ?? -1);
      if (pull === undefined || !isPull(pull)) return { status: 404, body: notFound() };
      return { status: 200, body: renderPullFull(scope, pull), lastModified: pull.updatedAt };
    },
  },
  {
    suffix: '/pulls/:number/comments',
    handle: (req, scope) => {
      const number = numberParam(req.params['number']) ?? -1;
      const pull = scope.repoIndex.issuesByNumber.get(number);
      if (pull === undefined || !isPull(pull)) return { status: 404, body: notFound() };
      const since = instantParam(req.query, 'since');
      const comments = scope.repoIndex.cachedList(`pull-comments|${number}|${since}`, () =>
        sortByKey(
          scope.repo.reviewComments.filter(
            (c) => c.pullNumber === number && (since === undefined || ms(c.updatedAt) >= since),
          ),
          (c) => c.id,
          'asc',
        ),
      );
      return paginate(req, comments, (comment) => reviewCommentJson(scope, comment));
    },
  },
  {
    suffix: '/pulls/:number/reviews',
    handle: (req, scope) => {
      const number = numberParam(req.params['number']) ?? -1;
      const pull = scope.repoIndex.issuesByNumber.get(number);
      if (pull === undefined || !isPull(pull)) return { status: 404, body: notFound() };
      const reviews = scope.repoIndex.cachedList(`reviews|${number}`, () =>
        (scope.repoIndex.reviewsByPull.get(number) ?? []).filter((review) => review.state !== 'PENDING'),
      );
      return paginate(req, reviews, (review) =>
        scope.repoIndex.itemJson((composer) => renderReview({ ...scope, composer }, review)),
      );
    },
  },
];
