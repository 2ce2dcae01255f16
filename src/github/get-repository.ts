import type { RestEndpointMethodTypes } from '@octokit/rest';
import type { GitHubClient } from './github-client.types.js';

export type GitHubRepository = RestEndpointMethodTypes['repos']['get']['response']['data'];

export interface RepositoryLookup {
  /** undefined when `conditional` and GitHub answered 304 (unchanged since the stored ETag). */
  repository: GitHubRepository | undefined;
  notModified: boolean;
  /** What was asked, `owner/name`. */
  requested: string;
  /** GitHub's current `owner/name` and numeric id (null on 304). */
  fullName: string | null;
  id: number | null;
  /** GitHub answered under another name: the repository was renamed or transferred (301 followed). */
  renamed: boolean;
  /** `knownId` was given and GitHub's id differs: the name now belongs to another repository. */
  idChanged: boolean;
  etag: string | null;
  saveValidators(): Promise<void>;
}

export interface GetRepositoryOptions {
  credential: string;
  /** The id stored for this repository, to tell a rename from a re-used name. */
  knownId?: number | undefined;
  conditional?: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * GET /repos/{owner}/{repo}. Renamed and transferred repositories answer 301 to
 * /repositories/{id}; fetch follows it, and the rename shows as a different `full_name`
 * (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#301-moved-permanently).
 * 404/451/403-blocked throw GitHubError of kind gone / blocked.
 */
export async function getRepository(
  client: GitHubClient,
  owner: string,
  name: string,
  options: GetRepositoryOptions,
): Promise<RepositoryLookup> {
  const requested = `${owner}/${name}`;
  const result = await client.rest<GitHubRepository>(
    'GET /repos/{owner}/{repo}',
    { owner, repo: name },
    {
      credential: options.credential,
      conditional: options.conditional ?? false,
      signal: options.signal,
    },
  );
  const repository = result.data;
  const fullName = repository?.full_name ?? null;
  const id = repository?.id ?? null;
  return {
    repository,
    notModified: result.notModified,
    requested,
    fullName,
    id,
    renamed: fullName !== null && fullName.toLowerCase() !== requested.toLowerCase(),
    idChanged: options.knownId !== undefined && id !== null && id !== options.knownId,
    etag: result.etag,
    saveValidators: result.saveValidators,
  };
}
