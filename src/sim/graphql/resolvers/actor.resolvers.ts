import { utc, userModel, type Model, type ModelOf, type Resolver } from '../models.js';
import { legacyNodeId } from '../node-id.js';
import { findUserByLogin } from '../world-lookups.js';
import type { World } from '../../world.js';

type Account = ModelOf<'User' | 'Bot' | 'Organization'>;

const common: Record<string, Resolver<Account>> = {
  id: ({ user }) => legacyNodeId(user.type, user.id),
  databaseId: ({ user }) => user.id,
  login: ({ user }) => user.login,
  createdAt: ({ user }) => utc(user.createdAt),
  updatedAt: ({ user }) => utc(user.updatedAt),
  url: ({ user }) =>
    `https://github.com/${user.type === 'Bot' ? `apps/${user.login.replace(/\[bot\]$/, '')}` : user.login}`,
  resourcePath: ({ user }) => `/${user.login}`,
  avatarUrl: ({ user }) => `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
};

export const userResolvers: Record<string, Resolver<Account>> = {
  ...common,
  name: ({ user }) => user.name,
  company: ({ user }) => user.company,
  location: ({ user }) => user.location,
  // `User.email` is String!: GitHub answers "" when the public email is unset.
  email: ({ user }) => user.email ?? '',
  websiteUrl: ({ user }) => user.blog || null,
  bio: ({ user }) => user.bio,
  twitterUsername: ({ user }) => user.twitterUsername,
};

export const botResolvers: Record<string, Resolver<Account>> = { ...common };

export const organizationResolvers: Record<string, Resolver<Account>> = {
  ...common,
  name: ({ user }) => user.name,
  location: ({ user }) => user.location,
  email: ({ user }) => user.email,
  websiteUrl: ({ user }) => user.blog || null,
  description: ({ user }) => user.bio,
  twitterUsername: ({ user }) => user.twitterUsername,
};

/**
 * An `Actor` (issue/PR/review author) by login: null for deleted accounts (GitHub's "ghost" is
 * null in GraphQL) and for logins the world does not hold.
 */
export function actorByLogin(world: World, login: string | null): Model | null {
  if (login === null) return null;
  const user = findUserByLogin(world, login);
  return user ? userModel(user) : null;
}

/** A `User`-typed field (commit author's user, release author): bots and organisations are null. */
export function userByLogin(world: World, login: string | null): Model | null {
  if (login === null) return null;
  const user = findUserByLogin(world, login);
  return user && user.type === 'User' ? userModel(user) : null;
}
