import type { BudgetView } from './budget-view.js';

/**
 * What the stages need from GitHub, in their own words. github-client.adapter.ts implements it with
 * src/github; tests may too. Failures arrive as src/github's classified errors (GitHubError with a
 * `kind`: gone, blocked, empty, narrow, auth, …).
 */
export interface RepoRef {
  readonly repositoryId: number;
  readonly owner: string;
  readonly name: string;
  readonly githubId: number | null;
  /** The credential the repository is pinned to (ETags belong to one token). */
  readonly credentialFingerprint: string | null;
}

export interface RestPage<T> {
  readonly items: readonly T[];
  /** 304: the page is unchanged since its stored ETag; `items` is empty. */
  readonly notModified: boolean;
  /** No page follows: store what you held back before asking for more (the ETag is saved then). */
  readonly last: boolean;
  /** GitHub refused a deeper page (422, pagination limit): the list was not read to its end. */
  readonly truncated: boolean;
}

export interface RestRequestOptions {
  /** Send the stored ETag (If-None-Match). Only when the last run of the entity completed. */
  readonly conditional: boolean;
}

export type RepositoryAnswer =
  | { readonly notModified: true; readonly credentialFingerprint: string }
  | {
      readonly notModified: false;
      readonly credentialFingerprint: string;
      readonly data: RestRepository;
      /** The name now belongs to another GitHub repository than the one we track (id changed). */
      readonly idChanged: boolean;
      /** Stores the response's ETag; call once the metadata is committed. */
      saveValidators(): Promise<void>;
    };

export interface CrawlGitHub {
  getRepository(ref: RepoRef, options: RestRequestOptions): Promise<RepositoryAnswer>;
  /** Pages of a REST list (per_page=100, following `Link`), one at a time: never the whole list. */
  restPages<T>(
    ref: RepoRef,
    route: string,
    params: Readonly<Record<string, string | number | undefined>>,
    options: RestRequestOptions,
  ): AsyncIterable<RestPage<T>>;
  /**
   * Whether one item is still on GitHub: `GET route` (path parameters `params`, plus owner/repo)
   * answers true on success and false on 404/410 (kind `gone`); any other failure throws. One
   * ordinary REST request under the budget and the repository's pinned credential, no ETag.
   */
  exists(ref: RepoRef, route: string, params: Readonly<Record<string, string | number>>): Promise<boolean>;
  /** A GraphQL query; `data` even when some fields failed (`errors` says which). */
  graphql<T>(
    ref: RepoRef,
    query: string,
    variables: Readonly<Record<string, unknown>>,
  ): Promise<{ data: T; errors: readonly GraphqlFieldError[] }>;
  budget(): BudgetView | undefined;
}

export interface GraphqlFieldError {
  readonly type?: string;
  readonly path?: readonly (string | number)[];
  readonly message: string;
}

/** REST `GET /repos/{owner}/{repo}` (the fields we read). */
export interface RestRepository {
  id: number;
  name: string;
  full_name: string;
  owner: { login: string } | null;
  description?: string | null;
  homepage?: string | null;
  default_branch?: string | null;
  language?: string | null;
  license?: { spdx_id?: string | null } | null;
  topics?: string[] | null;
  fork?: boolean | null;
  archived?: boolean | null;
  disabled?: boolean | null;
  stargazers_count?: number | null;
  forks_count?: number | null;
  watchers_count?: number | null;
  open_issues_count?: number | null;
  created_at?: string | null;
  pushed_at?: string | null;
  updated_at?: string | null;
}
