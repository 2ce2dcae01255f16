import { VitalsError } from '../shared/errors.js';
import type { GitHubClient } from './github-client.types.js';
import { isGitHubError } from './github-error.js';
import { paginateRest } from './paginate-rest.js';

/** One repository of an owner's listing: what registration needs. */
export interface OwnerRepository {
  /** GitHub's numeric id: identity across renames and transfers. */
  id: number;
  owner: string;
  name: string;
  fullName: string;
  fork: boolean;
  archived: boolean;
}

export interface OwnerRepositories {
  /** The login as asked. */
  login: string;
  /** Which listing answered: `/orgs/{org}/repos` or, for a user account, `/users/{username}/repos`. */
  ownerType: 'organization' | 'user';
  /** In GitHub's order, each repository once (a listing can shift while it is paged). */
  repositories: OwnerRepository[];
  /** REST pages read. */
  pages: number;
}

export interface ListOwnerRepositoriesOptions {
  credential: string;
  signal?: AbortSignal | undefined;
}

/** The fields of GitHub's "minimal repository" this module reads. */
interface ListedRepository {
  id: number;
  name: string;
  full_name: string;
  owner?: { login?: string } | null;
  fork?: boolean;
  archived?: boolean;
}

/**
 * Every repository an organisation owns (`GET /orgs/{org}/repos?type=all`), or — when GitHub has no
 * organisation of that login (404) — a user's own ones (`GET /users/{username}/repos?type=owner`):
 * /orgs/ answers 404 for user accounts
 * (https://docs.github.com/en/rest/repos/repos#list-organization-repositories). Pages follow the
 * `Link` header (paginateRest), 100 a page. Neither answering: GH_OWNER_NOT_FOUND.
 * Other failures throw GitHubError.
 */
export async function listOwnerRepositories(
  client: GitHubClient,
  login: string,
  options: ListOwnerRepositoriesOptions,
): Promise<OwnerRepositories> {
  const asOrganization = await tryListing(
    client,
    'GET /orgs/{org}/repos',
    { org: login, type: 'all' },
    options,
  );
  if (asOrganization !== undefined) return { login, ownerType: 'organization', ...asOrganization };
  const asUser = await tryListing(
    client,
    'GET /users/{username}/repos',
    { username: login, type: 'owner' },
    options,
  );
  if (asUser !== undefined) return { login, ownerType: 'user', ...asUser };
  throw new VitalsError(
    'GH_OWNER_NOT_FOUND',
    `GitHub has no organisation or user named ${JSON.stringify(login)} (404 for /orgs/${login}/repos and /users/${login}/repos)`,
    { login },
  );
}

/** The whole listing, or undefined when its first page answers 404/410. */
async function tryListing(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  options: ListOwnerRepositoriesOptions,
): Promise<{ repositories: OwnerRepository[]; pages: number } | undefined> {
  const repositories: OwnerRepository[] = [];
  const seen = new Set<number>();
  let pages = 0;
  try {
    // Not conditional: registration needs the list itself, and stores no ETag for it.
    for await (const page of paginateRest<ListedRepository>(client, route, params, {
      credential: options.credential,
      conditional: false,
      signal: options.signal,
    })) {
      pages += 1;
      if (page.truncated) {
        // A partial list would register part of the owner silently: refuse instead.
        throw new VitalsError(
          'GH_UNEXPECTED',
          `GitHub stopped listing ${route.replace('GET ', '')} after ${pages - 1} page(s) (422); nothing was registered`,
          { route, pages: pages - 1 },
        );
      }
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        repositories.push(toOwnerRepository(item));
      }
    }
  } catch (err) {
    if (pages === 0 && isGitHubError(err, 'gone')) return undefined;
    throw err;
  }
  return { repositories, pages };
}

function toOwnerRepository(item: ListedRepository): OwnerRepository {
  const [ownerFromFullName = '', nameFromFullName = ''] = item.full_name.split('/');
  const owner = item.owner?.login ?? ownerFromFullName;
  const name = item.name || nameFromFullName;
  return {
    id: item.id,
    owner,
    name,
    fullName: `${owner}/${name}`,
    fork: item.fork === true,
    archived: item.archived === true,
  };
}
