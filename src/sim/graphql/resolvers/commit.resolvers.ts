import { connection, pageSizeOf, plain } from '../connection.js';
import { historyPage } from '../commit-history.js';
import { utc, type ModelOf, type Resolver } from '../models.js';
import { commitNodeId } from '../node-id.js';
import type { SimCommit } from '../../world.js';
import { userByLogin } from './actor.resolvers.js';
import { rejectArgs } from './unsupported-args.js';

type CommitModel = ModelOf<'Commit'>;

function commitOf({ repo, index }: CommitModel): SimCommit {
  return repo.commits[index] as SimCommit;
}

export const commitResolvers: Record<string, Resolver<CommitModel>> = {
  id: (model) => commitNodeId(model.repo.id, commitOf(model).sha),
  oid: (model) => commitOf(model).sha,
  abbreviatedOid: (model) => commitOf(model).sha.slice(0, 7),
  message: (model) => commitOf(model).message,
  messageHeadline: (model) => commitOf(model).message.split('\n', 1)[0] ?? '',
  messageBody: (model) => commitOf(model).message.split('\n').slice(1).join('\n').replace(/^\n+/, ''),
  // DateTime fields are UTC `Z`; the GitActor `date` below keeps the original offset.
  authoredDate: (model) => utc(commitOf(model).author.date),
  committedDate: (model) => utc(commitOf(model).committer.date),
  additions: (model) => commitOf(model).additions,
  deletions: (model) => commitOf(model).deletions,
  changedFilesIfAvailable: (model) => commitOf(model).changedFiles,
  changedFiles: (model) => commitOf(model).changedFiles,
  url: (model) => `https://github.com/${model.repo.owner}/${model.repo.name}/commit/${commitOf(model).sha}`,
  commitUrl: (model) =>
    `https://github.com/${model.repo.owner}/${model.repo.name}/commit/${commitOf(model).sha}`,
  authoredByCommitter: (model) => {
    const { author, committer } = commitOf(model);
    return author.name === committer.name && author.email === committer.email;
  },
  repository: ({ repo }) => ({ __typename: 'Repository', repo }),
  author: (model) => ({
    __typename: 'GitActor',
    actor: commitOf(model).author,
    login: commitOf(model).authorLogin,
  }),
  committer: (model) => ({
    __typename: 'GitActor',
    actor: commitOf(model).committer,
    login: commitOf(model).committerLogin,
  }),
  parents: (model, args) => {
    rejectArgs('Commit.parents', args, ['first']);
    const parents = commitOf(model).parents;
    const shown = parents.slice(0, pageSizeOf(args));
    return connection('CommitConnection', {
      totalCount: parents.length,
      // Parents expose their `oid` only: locating a merge's second parent would cost O(n).
      items: shown.map((sha) => plain('Commit', { oid: sha, abbreviatedOid: sha.slice(0, 7) })),
      cursor: (i) => Buffer.from(`cursor:${i}`).toString('base64'),
      hasNextPage: shown.length < parents.length,
      hasPreviousPage: false,
    });
  },
  history: (model, args) => {
    rejectArgs('Commit.history', args, ['first', 'after', 'since', 'until']);
    const page = historyPage(model.repo.commits, model.index, {
      first: pageSizeOf(args),
      after: args['after'] as string | null | undefined,
      since: args['since'] as string | null | undefined,
      until: args['until'] as string | null | undefined,
    });
    return connection('CommitHistoryConnection', {
      ...page,
      items: page.items.map((index) => ({ __typename: 'Commit', repo: model.repo, index })),
    });
  },
};

export const gitActorResolvers: Record<string, Resolver<ModelOf<'GitActor'>>> = {
  name: ({ actor }) => actor.name,
  email: ({ actor }) => actor.email,
  // GitTimestamp: "an ISO-8601 encoded date string. Unlike the DateTime type, GitTimestamp is not
  // converted in UTC" (GitHub schema docs) — the author's offset survives.
  date: ({ actor }) => actor.date,
  user: ({ login }, _args, { world }) => userByLogin(world, login),
};
