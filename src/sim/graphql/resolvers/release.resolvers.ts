import { connection, pageSizeOf } from '../connection.js';
import { keysetPage } from '../keyset-page.js';
import { utc, type ModelOf, type Resolver } from '../models.js';
import { legacyNodeId } from '../node-id.js';
import type { SimRelease, SimRepo } from '../../world.js';
import { userByLogin } from './actor.resolvers.js';
import { rejectArgs } from './unsupported-args.js';

/** `Repository.releases`: default order CREATED_AT DESC (newest first, like REST's list). */
export function releaseConnection(repo: SimRepo, args: Record<string, unknown>): unknown {
  rejectArgs('Repository.releases', args, ['first', 'after', 'orderBy']);
  const order = (args['orderBy'] ?? { field: 'CREATED_AT', direction: 'DESC' }) as {
    field: 'CREATED_AT' | 'NAME';
    direction: 'ASC' | 'DESC';
  };
  const keyOf = (r: SimRelease): string | number =>
    order.field === 'NAME' ? (r.name ?? r.tagName) : Date.parse(r.createdAt);
  const sign = order.direction === 'DESC' ? -1 : 1;
  const sorted = [...repo.releases].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return (a.id - b.id) * sign;
  });
  const page = keysetPage({
    sorted,
    keyOf,
    idOf: (r) => r.id,
    descending: order.direction === 'DESC',
    first: pageSizeOf(args),
    after: args['after'] as string | null | undefined,
  });
  return connection('ReleaseConnection', {
    ...page,
    items: page.items.map((release) => ({ __typename: 'Release', repo, release })),
  });
}

export const releaseResolvers: Record<string, Resolver<ModelOf<'Release'>>> = {
  id: ({ release }) => legacyNodeId('Release', release.id),
  databaseId: ({ release }) => release.id,
  tagName: ({ release }) => release.tagName,
  name: ({ release }) => release.name,
  description: ({ release }) => release.body,
  isDraft: ({ release }) => release.draft,
  isPrerelease: ({ release }) => release.prerelease,
  createdAt: ({ release }) => utc(release.createdAt),
  publishedAt: ({ release }) => utc(release.publishedAt),
  author: ({ release }, _args, { world }) => userByLogin(world, release.authorLogin),
  url: ({ repo, release }) => `https://github.com/${repo.owner}/${repo.name}/releases/tag/${release.tagName}`,
};
