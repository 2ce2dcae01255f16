import { connection, pageSizeOf, plain } from '../connection.js';
import { utc, type ModelOf, type Resolver } from '../models.js';
import { legacyNodeId } from '../node-id.js';
import { offsetPage } from '../offset-page.js';
import { commentsOf, findUserByLogin, reviewsOf } from '../world-lookups.js';
import { actorByLogin } from './actor.resolvers.js';
import { authorAssociation } from './author-association.js';
import { pullRequestState } from './issue-list.js';
import { rejectArgs } from './unsupported-args.js';

type IssueLike = ModelOf<'Issue' | 'PullRequest'>;

/** Fields Issue and PullRequest share (both are numbered in one sequence, as on GitHub). */
const issueCommon: Record<string, Resolver<IssueLike>> = {
  id: (m) => legacyNodeId(m.__typename, m.issue.id),
  // Int is 32-bit: ids past 2^31 fail like on GitHub (graphql-ruby) — ask `fullDatabaseId`
  // (BigInt, encoded as a string) for issue, pull request and comment ids.
  databaseId: ({ issue }) => issue.id,
  fullDatabaseId: ({ issue }) => String(issue.id),
  number: ({ issue }) => issue.number,
  title: ({ issue }) => issue.title,
  body: ({ issue }) => issue.body ?? '',
  url: (m) =>
    `https://github.com/${m.repo.owner}/${m.repo.name}/${m.__typename === 'Issue' ? 'issues' : 'pull'}/${m.issue.number}`,
  locked: ({ issue }) => issue.locked,
  closed: ({ issue }) => issue.state === 'closed',
  createdAt: ({ issue }) => utc(issue.createdAt),
  updatedAt: ({ issue }) => utc(issue.updatedAt),
  closedAt: ({ issue }) => utc(issue.closedAt),
  author: ({ issue }, _args, { world }) => actorByLogin(world, issue.userLogin),
  authorAssociation: ({ repo, issue }) => authorAssociation(repo, issue.userLogin),
  repository: ({ repo }) => ({ __typename: 'Repository', repo }),
  labels: ({ issue }, args) => {
    rejectArgs('labels', args, ['first', 'after']);
    const page = offsetPage(issue.labels, pageSizeOf(args), args['after']);
    return connection('LabelConnection', {
      ...page,
      items: page.items.map((name) => plain('Label', { name })),
    });
  },
  assignees: ({ issue }, args, { world }) => {
    rejectArgs('assignees', args, ['first', 'after']);
    const users = issue.assigneeLogins.flatMap((login) => {
      const user = findUserByLogin(world, login);
      return user ? [{ __typename: 'User' as const, user }] : [];
    });
    return connection('UserConnection', offsetPage(users, pageSizeOf(args), args['after']));
  },
  comments: ({ repo, issue }, args) => {
    rejectArgs('comments', args, ['first', 'after']);
    const page = offsetPage(commentsOf(repo, issue.number), pageSizeOf(args), args['after']);
    return connection('IssueCommentConnection', {
      ...page,
      items: page.items.map((comment) => ({ __typename: 'IssueComment', repo, comment })),
    });
  },
};

export const issueResolvers: Record<string, Resolver<IssueLike>> = {
  ...issueCommon,
  state: ({ issue }) => issue.state.toUpperCase(),
  stateReason: ({ issue }) => issue.stateReason?.toUpperCase() ?? null,
};

export const pullRequestResolvers: Record<string, Resolver<IssueLike>> = {
  ...issueCommon,
  state: ({ issue }) => pullRequestState(issue),
  merged: ({ issue }) => issue.pullRequest?.merged ?? false,
  mergedAt: ({ issue }) => utc(issue.pullRequest?.mergedAt ?? null),
  mergedBy: ({ issue }, _args, { world }) => actorByLogin(world, issue.pullRequest?.mergedByLogin ?? null),
  isDraft: ({ issue }) => issue.pullRequest?.draft ?? false,
  additions: ({ issue }) => issue.pullRequest?.additions ?? 0,
  deletions: ({ issue }) => issue.pullRequest?.deletions ?? 0,
  changedFiles: ({ issue }) => issue.pullRequest?.changedFiles ?? 0,
  baseRefName: ({ issue }) => issue.pullRequest?.baseRef ?? '',
  headRefName: ({ issue }) => issue.pullRequest?.headRef ?? '',
  reviews: ({ repo, issue }, args) => {
    rejectArgs('PullRequest.reviews', args, ['first', 'after', 'states', 'author']);
    const states = args['states'] as string[] | null | undefined;
    const author = (args['author'] as string | null | undefined)?.toLowerCase();
    // Pending reviews are visible to their author only, never to a crawler (REST hides them too).
    const reviews = reviewsOf(repo, issue.number).filter(
      (r) =>
        r.state !== 'PENDING' &&
        (!states || states.includes(r.state)) &&
        (!author || r.userLogin?.toLowerCase() === author),
    );
    const page = offsetPage(reviews, pageSizeOf(args), args['after']);
    return connection('PullRequestReviewConnection', {
      ...page,
      items: page.items.map((review) => ({ __typename: 'PullRequestReview', repo, review })),
    });
  },
};

export const reviewResolvers: Record<string, Resolver<ModelOf<'PullRequestReview'>>> = {
  id: ({ review }) => legacyNodeId('PullRequestReview', review.id),
  databaseId: ({ review }) => review.id,
  fullDatabaseId: ({ review }) => String(review.id),
  state: ({ review }) => review.state,
  body: ({ review }) => review.body,
  submittedAt: ({ review }) => utc(review.submittedAt),
  // A pending review has no submission time; GitHub's createdAt is when it was started.
  createdAt: ({ review }) => utc(review.submittedAt ?? new Date(0).toISOString()),
  author: ({ review }, _args, { world }) => actorByLogin(world, review.userLogin),
  authorAssociation: ({ repo, review }) => authorAssociation(repo, review.userLogin),
  url: ({ repo, review }) =>
    `https://github.com/${repo.owner}/${repo.name}/pull/${review.pullNumber}#pullrequestreview-${review.id}`,
  commit: () => null,
};

export const issueCommentResolvers: Record<string, Resolver<ModelOf<'IssueComment'>>> = {
  id: ({ comment }) => legacyNodeId('IssueComment', comment.id),
  databaseId: ({ comment }) => comment.id,
  fullDatabaseId: ({ comment }) => String(comment.id),
  body: ({ comment }) => comment.body,
  createdAt: ({ comment }) => utc(comment.createdAt),
  updatedAt: ({ comment }) => utc(comment.updatedAt),
  author: ({ comment }, _args, { world }) => actorByLogin(world, comment.userLogin),
  authorAssociation: ({ repo, comment }) => authorAssociation(repo, comment.userLogin),
};
