import type { Kysely } from 'kysely';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../schema/database.js';
import {
  createGitHubClient,
  listOwnerRepositories,
  type GitHubClientOptions,
  type OwnerRepository,
} from '../github/index.js';
import type { Logger } from '../shared/logger.js';
import { parseRepoName } from '../shared/repo-name.js';
import { registerWithPortfolio, type Registration } from './register-repositories.js';

export type SkipReason = 'fork' | 'archived';

export interface RegisterOwnerOptions {
  /** A login already checked with parseOwnerLogin. */
  readonly login: string;
  readonly portfolio?: string | undefined;
  readonly includeForks?: boolean;
  readonly includeArchived?: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Tuning of the GitHub client (tests shorten backoffs). */
  readonly clientOptions?: Partial<GitHubClientOptions> | undefined;
}

export interface OwnerRegistration extends Registration {
  login: string;
  ownerType: 'organization' | 'user';
  /** Repositories GitHub listed for the owner. */
  listed: number;
  /** Listed but not registered, with why (forks and archived ones unless included). */
  skipped: { repository: string; reasons: SkipReason[] }[];
}

/**
 * `vitals repo add --org LOGIN`: lists the owner's repositories from GitHub (one client for the call,
 * under the configured credentials and their budget), leaves out forks and archived repositories
 * unless asked, and registers the rest with their GitHub ids through the same code as registration
 * by name. Nothing is written unless the whole listing was read.
 */
export async function registerOwnerRepositories(
  config: Config,
  db: Kysely<Database>,
  logger: Logger,
  options: RegisterOwnerOptions,
): Promise<OwnerRegistration> {
  const client = createGitHubClient({
    config,
    logger,
    signal: options.signal,
    options: options.clientOptions,
  });
  let listing;
  try {
    const credential = client.pickCredential(`owner:${options.login.toLowerCase()}`);
    listing = await listOwnerRepositories(client, options.login, { credential, signal: options.signal });
  } finally {
    await client.close();
  }
  logger.info(
    { owner: options.login, ownerType: listing.ownerType, repositories: listing.repositories.length },
    'owner repositories listed',
  );
  const skipped: OwnerRegistration['skipped'] = [];
  const chosen: OwnerRepository[] = [];
  for (const repository of listing.repositories) {
    const reasons: SkipReason[] = [];
    if (repository.fork && options.includeForks !== true) reasons.push('fork');
    if (repository.archived && options.includeArchived !== true) reasons.push('archived');
    if (reasons.length > 0) skipped.push({ repository: repository.fullName, reasons });
    else chosen.push(repository);
  }
  const names = chosen.map((r) => ({ ...parseRepoName(r.fullName), githubId: r.id }));
  const registration = await registerWithPortfolio(db, names, options.portfolio);
  return {
    ...registration,
    login: options.login,
    ownerType: listing.ownerType,
    listed: listing.repositories.length,
    skipped,
  };
}
