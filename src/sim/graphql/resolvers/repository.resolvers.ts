import { plain } from '../connection.js';
import { notFoundError } from '../graphql-errors.js';
import { utc, userModel, type ModelOf, type Resolver } from '../models.js';
import { repositoryNodeId } from '../node-id.js';
import { findIssueByNumber, findUserByLogin } from '../world-lookups.js';
import { issueConnection, pullRequestConnection } from './issue-list.js';
import { releaseConnection } from './release.resolvers.js';
import { rejectArgs } from './unsupported-args.js';

type Repo = ModelOf<'Repository'>;

export const repositoryResolvers: Record<string, Resolver<Repo>> = {
  id: ({ repo }) => repositoryNodeId(repo.id),
  databaseId: ({ repo }) => repo.id,
  name: ({ repo }) => repo.name,
  nameWithOwner: ({ repo }) => `${repo.owner}/${repo.name}`,
  owner: ({ repo }, _args, { world }) => {
    const owner = findUserByLogin(world, repo.owner);
    if (owner) return userModel(owner);
    // A world without the owner's account: render a bare organisation rather than fail.
    return userModel({
      id: 0,
      login: repo.owner,
      type: 'Organization',
      name: null,
      company: null,
      blog: null,
      location: null,
      email: null,
      bio: null,
      twitterUsername: null,
      createdAt: repo.createdAt,
      updatedAt: repo.createdAt,
    });
  },
  description: ({ repo }) => repo.description,
  homepageUrl: ({ repo }) => repo.homepage || null,
  url: ({ repo }) => `https://github.com/${repo.owner}/${repo.name}`,
  isArchived: ({ repo }) => repo.archived,
  isFork: ({ repo }) => repo.fork,
  isDisabled: ({ repo }) => repo.disabled,
  isPrivate: ({ repo }) => repo.visibility !== 'public',
  visibility: ({ repo }) => repo.visibility.toUpperCase(),
  isEmpty: ({ repo }) => repo.status === 'empty' || repo.commits.length === 0,
  createdAt: ({ repo }) => utc(repo.createdAt),
  updatedAt: ({ repo }) => utc(repo.updatedAt),
  pushedAt: ({ repo }) => utc(repo.pushedAt),
  stargazerCount: ({ repo }) => repo.stargazersCount,
  forkCount: ({ repo }) => repo.forksCount,
  primaryLanguage: ({ repo }) => (repo.language ? plain('Language', { name: repo.language }) : null),
  licenseInfo: ({ repo }) =>
    repo.license
      ? plain('License', { key: repo.license.key, name: repo.license.name, spdxId: repo.license.spdxId })
      : null,
  // An empty repository has no default branch ref, as on GitHub.
  defaultBranchRef: ({ repo }) =>
    repo.status === 'empty' || repo.commits.length === 0 ? null : { __typename: 'Ref', repo },
  issues: ({ repo }, args, { world, nodes }) => issueConnection(world, repo, args, nodes),
  pullRequests: ({ repo }, args, { world, nodes }) => pullRequestConnection(world, repo, args, nodes),
  releases: ({ repo }, args) => releaseConnection(repo, args),
  issue: ({ repo }, args) => {
    const issue = findIssueByNumber(repo, args['number'] as number);
    if (!issue || issue.pullRequest) {
      throw notFoundError(`Could not resolve to an Issue with the number of ${String(args['number'])}.`);
    }
    return { __typename: 'Issue', repo, issue };
  },
  pullRequest: ({ repo }, args) => {
    const issue = findIssueByNumber(repo, args['number'] as number);
    if (!issue?.pullRequest) {
      throw notFoundError(`Could not resolve to a PullRequest with the number of ${String(args['number'])}.`);
    }
    return { __typename: 'PullRequest', repo, issue };
  },
  issueOrPullRequest: ({ repo }, args) => {
    const issue = findIssueByNumber(repo, args['number'] as number);
    if (!issue) {
      throw notFoundError(
        `Could not resolve to an issue or pull request with the number of ${String(args['number'])}.`,
      );
    }
    return { __typename: issue.pullRequest ? 'PullRequest' : 'Issue', repo, issue };
  },
};

export const refResolvers: Record<string, Resolver<ModelOf<'Ref'>>> = {
  id: ({ repo }) => Buffer.from(`Ref:${repo.id}:refs/heads/${repo.defaultBranch}`).toString('base64'),
  name: ({ repo }) => repo.defaultBranch,
  prefix: () => 'refs/heads/',
  target: ({ repo }, args) => {
    rejectArgs('Ref.target', args, []);
    return { __typename: 'Commit', repo, index: 0 };
  },
};
