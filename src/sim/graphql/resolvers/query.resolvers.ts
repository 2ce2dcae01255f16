import { plain } from '../connection.js';
import { notFoundError, typedError } from '../graphql-errors.js';
import { utc, userModel, type ExecContext, type Model, type Resolver } from '../models.js';
import { decodeNodeId } from '../node-id.js';
import {
  findIssueById,
  findRepoById,
  findRepoByName,
  findReleaseById,
  findReviewById,
  findUserById,
  findUserByLogin,
} from '../world-lookups.js';
import type { SimRepo } from '../../world.js';

/** Root fields. Missing objects answer `null` plus a `NOT_FOUND` error, with GitHub's messages. */
export const queryResolvers: Record<string, Resolver<unknown>> = {
  repository: (_root, args, { world }) => {
    const owner = args['owner'] as string;
    const name = args['name'] as string;
    // followRenames defaults to true in GitHub's schema.
    const repo = findRepoByName(world, owner, name, args['followRenames'] !== false);
    return repositoryOrError(repo, `Could not resolve to a Repository with the name '${owner}/${name}'.`);
  },
  user: (_root, args, { world }) => {
    const login = args['login'] as string;
    const user = findUserByLogin(world, login);
    // Bots and organisations are not Users: GitHub answers NOT_FOUND for them here.
    if (!user || user.type !== 'User') {
      throw notFoundError(`Could not resolve to a User with the login of '${login}'.`);
    }
    return userModel(user);
  },
  organization: (_root, args, { world }) => {
    const login = args['login'] as string;
    const user = findUserByLogin(world, login);
    if (!user || user.type !== 'Organization') {
      throw notFoundError(`Could not resolve to an Organization with the login of '${login}'.`);
    }
    return userModel(user);
  },
  repositoryOwner: (_root, args, { world }) => {
    const user = findUserByLogin(world, args['login'] as string);
    // RepositoryOwner is User | Organization; GitHub answers null (no error) for anything else.
    return user && user.type !== 'Bot' ? userModel(user) : null;
  },
  node: (_root, args, context) => nodeOrError(args['id'] as string, context),
  // A failed id becomes null at its index with an error whose path ends in that index.
  nodes: (_root, args, context) => (args['ids'] as string[]).map((id) => nodeOrError(id, context)),
  rateLimit: (_root, _args, { rateLimit }) =>
    plain('RateLimit', { ...rateLimit, resetAt: utc(rateLimit.resetAt) }),
};

function repositoryOrError(repo: SimRepo | undefined, notFoundMessage: string): Model {
  if (!repo || repo.status === 'gone') throw notFoundError(notFoundMessage);
  // DMCA takedowns: REST answers 451 "Repository access blocked"; GraphQL refuses the object.
  if (repo.status === 'dmca') throw typedError('FORBIDDEN', 'Repository access blocked');
  return { __typename: 'Repository', repo };
}

function nodeOrError(nodeId: string, { world }: ExecContext): Model | Error {
  const notFound = notFoundError(`Could not resolve to a node with the global id of '${nodeId}'.`);
  const decoded = decodeNodeId(nodeId);
  if (!decoded) return notFound;
  switch (decoded.type) {
    case 'User':
    case 'Bot':
    case 'Organization': {
      const user = findUserById(world, decoded.id);
      return user && user.type === decoded.type ? userModel(user) : notFound;
    }
    case 'Repository': {
      const repo = findRepoById(world, decoded.id);
      return repo && repo.status === 'ok' ? { __typename: 'Repository', repo } : notFound;
    }
    case 'Issue':
    case 'PullRequest': {
      const found = findIssueById(world, decoded.id);
      if (!found || (found.issue.pullRequest !== null) !== (decoded.type === 'PullRequest')) return notFound;
      return { __typename: decoded.type, ...found };
    }
    case 'PullRequestReview': {
      const found = findReviewById(world, decoded.id);
      return found && found.review.state !== 'PENDING'
        ? { __typename: 'PullRequestReview', ...found }
        : notFound;
    }
    case 'Release': {
      const found = findReleaseById(world, decoded.id);
      return found ? { __typename: 'Release', ...found } : notFound;
    }
    default:
      return notFound;
  }
}
