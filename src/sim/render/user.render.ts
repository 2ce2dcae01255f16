import type { SimUser } from '../world.js';
import { legacyNodeId } from './node-id.js';
import type { RenderContext } from './render-context.js';
import { utc } from './render-context.js';

/** The account GitHub shows for deleted users (`userLogin: null` in the world). */
export const GHOST_USER: SimUser = {
  id: 10137,
  login: 'ghost',
  type: 'User',
  name: 'Deleted user',
  company: null,
  blog: '',
  location: null,
  email: null,
  bio: 'Hi, I am a ghost user. I represent users who have deleted their accounts.',
  twitterUsername: null,
  createdAt: '2008-05-13T06:14:25Z',
  updatedAt: '2018-04-10T17:22:33Z',
};

function nodeType(user: SimUser): string {
  return user.type === 'Organization' ? 'Organization' : user.type === 'Bot' ? 'Bot' : 'User';
}

/** The "simple user" object embedded in issues, commits, repositories (same keys as GitHub's). */
export function renderSimpleUser(ctx: RenderContext, user: SimUser): Record<string, unknown> {
  const url = `${ctx.api}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: legacyNodeId(nodeType(user), user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${ctx.web}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    site_admin: false,
  };
}

/** GET /users/{login} and /user/{id}: the public profile. */
export function renderFullUser(
  ctx: RenderContext,
  user: SimUser,
  counts: { publicRepos: number },
): Record<string, unknown> {
  return {
    ...renderSimpleUser(ctx, user),
    name: user.name,
    company: user.company,
    blog: user.blog ?? '',
    location: user.location,
    email: user.email,
    hireable: null,
    bio: user.bio,
    twitter_username: user.twitterUsername,
    public_repos: counts.publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: utc(user.createdAt),
    updated_at: utc(user.updatedAt),
  };
}

/** GET /orgs/{org}: the public organisation object. */
export function renderOrganization(
  ctx: RenderContext,
  org: SimUser,
  counts: { publicRepos: number },
): Record<string, unknown> {
  const url = `${ctx.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: legacyNodeId('Organization', org.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: org.bio,
    name: org.name,
    company: org.company,
    blog: org.blog ?? '',
    location: org.location,
    email: org.email,
    twitter_username: org.twitterUsername,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: counts.publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${ctx.web}/${org.login}`,
    created_at: utc(org.createdAt),
    updated_at: utc(org.updatedAt),
    archived_at: null,
    type: 'Organization',
  };
}
