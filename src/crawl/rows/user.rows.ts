import type { GithubUserType } from '../../../schema/tables/github-user.table.js';
import type { GithubUserProfile, GithubUserRef } from '../../store/user.store.js';
import { isBot, type BotRules } from '../is-bot.js';
import { cleanText, toDateOrNull } from './clean-text.js';

/** The "simple user" object REST embeds in issues, comments, releases, contributors. */
export interface RestUser {
  login: string;
  id: number;
  type?: string | null;
}

const TYPES = new Set<GithubUserType>(['User', 'Bot', 'Organization', 'Mannequin']);

function userType(value: string | null | undefined): GithubUserType {
  return value && TYPES.has(value as GithubUserType) ? (value as GithubUserType) : 'User';
}

/** A user seen as an author: id, login, type — the profile comes later (users stage). */
export function userReference(
  user: { login?: string | null; id?: number | null; type?: string | null } | null | undefined,
  rules: BotRules,
): GithubUserRef | undefined {
  if (!user?.login || typeof user.id !== 'number' || user.login === 'ghost') return undefined;
  const type = userType(user.type);
  const login = cleanText(user.login, 100);
  return { id: user.id, login, type, isBot: isBot(login, type, rules) };
}

/**
 * References of a page, without repeats, in ascending id order: stages and repositories crawled side
 * by side upsert overlapping accounts, and one lock order for all keeps PostgreSQL from deadlocking.
 */
export function userReferences(
  users: ReadonlyArray<Parameters<typeof userReference>[0]>,
  rules: BotRules,
): GithubUserRef[] {
  const byId = new Map<number, GithubUserRef>();
  // Backwards, so an account seen again (most are, on a page) is mapped once; the last mention wins.
  for (let i = users.length - 1; i >= 0; i--) {
    const user = users[i];
    if (typeof user?.id === 'number' && byId.has(user.id)) continue;
    const ref = userReference(user, rules);
    if (ref) byId.set(ref.id, ref);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** One profile as the users stage's GraphQL query returns it. */
export interface UserProfileNode {
  __typename?: string;
  databaseId: number | null;
  login: string;
  name?: string | null;
  company?: string | null;
  websiteUrl?: string | null;
  location?: string | null;
  email?: string | null;
  bio?: string | null;
  twitterUsername?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

export function userProfile(
  node: UserProfileNode,
  rules: BotRules,
  observedAt: Date,
): GithubUserProfile | undefined {
  if (typeof node.databaseId !== 'number' || !node.login) return undefined;
  const type = userType(node.__typename);
  const login = cleanText(node.login, 100);
  return {
    id: node.databaseId,
    login,
    type,
    isBot: isBot(login, type, rules),
    name: cleanText(node.name, 512),
    company: cleanText(node.company, 512),
    // GitHub answers "" for an unset public email or website: unknown, not a value.
    email: cleanText(node.email, 512) || null,
    blog: cleanText(node.websiteUrl, 1000) || null,
    location: cleanText(node.location, 512) || null,
    bio: cleanText(node.bio, 2000),
    twitterUsername: cleanText(node.twitterUsername, 100),
    createdAt: toDateOrNull(node.createdAt),
    updatedAtGithub: toDateOrNull(node.updatedAt),
    observedAt,
  };
}
