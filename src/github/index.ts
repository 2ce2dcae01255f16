/** Public API of src/github: the only code that talks to GitHub. */
export { createGitHubClient, DEFAULT_CLIENT_OPTIONS } from './github-client.js';
export type {
  CreateGitHubClientDeps,
  GitHubClient,
  GitHubClientOptions,
  GraphqlOptions,
  GraphqlRateLimit,
  GraphqlResult,
  RestOptions,
  RestParams,
  RestResult,
} from './github-client.js';
export { paginateRest } from './paginate-rest.js';
export type { PaginateOptions, RestPage } from './paginate-rest.js';
export { graphqlQuery } from './graphql-query.js';
export type { GraphqlQueryOptions } from './graphql-query.js';
export { getRepository } from './get-repository.js';
export type { GetRepositoryOptions, GitHubRepository, RepositoryLookup } from './get-repository.js';
export { listOwnerRepositories } from './list-owner-repositories.js';
export type {
  ListOwnerRepositoriesOptions,
  OwnerRepositories,
  OwnerRepository,
} from './list-owner-repositories.js';
export { GitHubError, isGitHubError } from './github-error.js';
export { classifyFailure, FAILURE_POLICY } from './classify-failure.js';
export type { FailureClass, FailureInput, FailureKind } from './classify-failure.js';
export { InMemoryEtagStore } from './etag-store.js';
export type { CachedValidators, EtagStore } from './etag-store.js';
export type { BudgetLedger, BudgetSnapshot } from './budget-ledger.js';
export { InMemoryBudgetLedger } from './in-memory-budget-ledger.js';
export { ANONYMOUS_FINGERPRINT, fingerprintOf } from './credential.js';
export type { CredentialInfo } from './credential.js';
export { GITHUB_API_VERSION } from './create-octokit.js';
export { RedisBudgetLedger } from './redis-budget-ledger.js';
export type { RedisBudgetLedgerOptions } from './redis-budget-ledger.js';
