import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { RepositoryState, RepositoryTable } from '../../schema/tables/repository.table.js';
import type { RepoName } from '../shared/repo-name.js';
import { cleanText, cleanTextOrNull } from './clean-text.js';
import { repositoryNotRegistered } from './repository-lock.js';

export type { RepositoryState } from '../../schema/tables/repository.table.js';

export interface Repository {
  id: number;
  /** null until the first crawl. */
  githubId: number | null;
  owner: string;
  name: string;
  fullName: string;
  description: string | null;
  homepage: string | null;
  defaultBranch: string | null;
  language: string | null;
  licenseSpdx: string | null;
  topics: string[];
  fork: boolean | null;
  archived: boolean | null;
  stargazersCount: number | null;
  forksCount: number | null;
  watchersCount: number | null;
  openIssuesCount: number | null;
  createdAt: Date | null;
  pushedAt: Date | null;
  updatedAtGithub: Date | null;
  observedAt: Date | null;
  credentialFingerprint: string | null;
  state: RepositoryState;
  stateReason: string | null;
  addedAt: Date;
  lastSuccessAt: Date | null;
}

/** Repository metadata as GitHub's `GET /repos/{owner}/{repo}` gives it. */
export interface RepositoryMetadata {
  githubId: number;
  owner: string;
  name: string;
  description: string | null;
  homepage: string | null;
  defaultBranch: string | null;
  language: string | null;
  licenseSpdx: string | null;
  topics: string[];
  fork: boolean;
  archived: boolean;
  stargazersCount: number;
  forksCount: number;
  watchersCount: number;
  openIssuesCount: number;
  createdAt: Date | null;
  pushedAt: Date | null;
  updatedAtGithub: Date | null;
  observedAt: Date;
}

export interface RegisterResult {
  /** Newly registered, in input order. */
  added: Repository[];
  /** Already registered (under this or an earlier name), in input order. */
  existing: Repository[];
}

export async function getRepository(db: Kysely<Database>, id: number): Promise<Repository> {
  const row = await db.selectFrom('repository').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw repositoryNotRegistered(id);
  return toRepository(row);
}

/**
 * The repository registered under `fullName` (case-insensitive), or — when none has that name now —
 * the one most recently seen under it before a rename.
 */
export async function findRepositoryByFullName(
  db: Kysely<Database>,
  fullName: string,
): Promise<Repository | undefined> {
  const lower = fullName.toLowerCase();
  const current = await db
    .selectFrom('repository')
    .selectAll()
    .where(sql<string>`lower(full_name)`, '=', lower)
    .executeTakeFirst();
  if (current) return toRepository(current);
  const previous = await db
    .selectFrom('repository')
    .innerJoin('repository_name', 'repository_name.repository_id', 'repository.id')
    .selectAll('repository')
    .where(sql<string>`lower(repository_name.full_name)`, '=', lower)
    .orderBy('repository_name.last_seen_at', 'desc')
    .executeTakeFirst();
  return previous && toRepository(previous);
}

export async function findRepositoryByGithubId(
  db: Kysely<Database>,
  githubId: number,
): Promise<Repository | undefined> {
  const row = await db
    .selectFrom('repository')
    .selectAll()
    .where('github_id', '=', githubId)
    .executeTakeFirst();
  return row && toRepository(row);
}

export interface ListRepositoriesOptions {
  /** Only members of this portfolio (case-insensitive name). */
  portfolio?: string;
}

/** Registered repositories, by full name. */
export async function listRepositories(
  db: Kysely<Database>,
  options: ListRepositoriesOptions = {},
): Promise<Repository[]> {
  let query = db
    .selectFrom('repository')
    .selectAll('repository')
    .orderBy(sql`lower(repository.full_name)`);
  if (options.portfolio !== undefined) {
    query = query
      .innerJoin('portfolio_repository', 'portfolio_repository.repository_id', 'repository.id')
      .innerJoin('portfolio', 'portfolio.id', 'portfolio_repository.portfolio_id')
      .where(sql<string>`lower(portfolio.name)`, '=', options.portfolio.toLowerCase());
  }
  return (await query.execute()).map(toRepository);
}

/** A name to register; `githubId` when a listing already told it (`repo add --org`). */
export interface RepositoryToRegister extends RepoName {
  readonly githubId?: number | undefined;
}

/**
 * Registers names; idempotent: a name registered already (now, or as a former name of a renamed
 * repository) is reported in `existing` and left alone. Duplicates in the input count once.
 * With a `githubId`, identity is the id: a row that has it is `existing` whatever its name (renamed
 * since), a row of that name without an id gets it, and a new row is stored with it, so a later
 * rename is followed by the crawler instead of registering the new name twice. A row of that name
 * with another id is left alone (`existing`): its first crawl finds the name re-used and says so.
 */
export async function registerRepositories(
  db: Kysely<Database>,
  names: readonly RepositoryToRegister[],
): Promise<RegisterResult> {
  const result: RegisterResult = { added: [], existing: [] };
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.fullName.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    const githubId = name.githubId;
    const byId = githubId === undefined ? undefined : await findRepositoryByGithubId(db, githubId);
    if (byId) {
      if (!result.existing.some((r) => r.id === byId.id)) result.existing.push(byId);
      continue;
    }
    const known = await findRepositoryByFullName(db, name.fullName);
    if (known) {
      result.existing.push(
        githubId !== undefined && known.githubId === null
          ? await setGithubIdIfUnset(db, known, githubId)
          : known,
      );
      continue;
    }
    // A concurrent registration of the same name (or id) makes this insert do nothing; report it as
    // existing. Without a target, ON CONFLICT DO NOTHING covers both unique indexes.
    const inserted = await db
      .insertInto('repository')
      .values({ owner: name.owner, name: name.name, github_id: githubId ?? null })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) result.added.push(toRepository(inserted));
    else {
      const raced =
        (await findRepositoryByFullName(db, name.fullName)) ??
        (githubId === undefined ? undefined : await findRepositoryByGithubId(db, githubId));
      if (raced) result.existing.push(raced);
    }
  }
  return result;
}

/** Records the GitHub id on a row registered by name only (the crawler would set it on its first run). */
async function setGithubIdIfUnset(
  db: Kysely<Database>,
  repository: Repository,
  githubId: number,
): Promise<Repository> {
  const row = await db
    .updateTable('repository')
    .set({ github_id: githubId })
    .where('id', '=', repository.id)
    .where('github_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ? toRepository(row) : repository;
}

/**
 * Removes a repository and every row stored for it: most tables by cascade, the bulk tables (no
 * foreign key) by the row trigger of migration 2026-11-29T1200, whose deletes see what committed
 * while this one waited for the repository row: a crawl transaction holding it FOR KEY SHARE has
 * committed by then, so its rows go too; a later one finds the row gone and writes nothing.
 * Returns false if it was not there.
 */
export async function deleteRepository(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('repository').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Stores what GitHub says about the repository: sets its GitHub id on the first crawl, follows a
 * rename or transfer (owner/name change in place) and records the name in the name history.
 * Throws PostgreSQL's unique violation if another registered row already has this GitHub id or
 * name (the same repository registered twice under two names): check findRepositoryByGithubId first.
 */
export async function updateRepositoryMetadata(
  db: Kysely<Database>,
  id: number,
  metadata: RepositoryMetadata,
): Promise<Repository> {
  const before = await getRepository(db, id);
  const row = await db
    .updateTable('repository')
    .set({
      github_id: metadata.githubId,
      owner: metadata.owner,
      name: metadata.name,
      description: cleanTextOrNull(metadata.description),
      homepage: cleanTextOrNull(metadata.homepage),
      default_branch: cleanTextOrNull(metadata.defaultBranch),
      language: cleanTextOrNull(metadata.language),
      license_spdx: cleanTextOrNull(metadata.licenseSpdx),
      topics: metadata.topics.map(cleanText),
      fork: metadata.fork,
      archived: metadata.archived,
      stargazers_count: metadata.stargazersCount,
      forks_count: metadata.forksCount,
      watchers_count: metadata.watchersCount,
      open_issues_count: metadata.openIssuesCount,
      created_at: metadata.createdAt,
      pushed_at: metadata.pushedAt,
      updated_at_github: metadata.updatedAtGithub,
      observed_at: metadata.observedAt,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw repositoryNotRegistered(id);
  // The name it was registered or last seen under stays findable (`repo remove old/name` still works).
  if (before.fullName !== row.full_name)
    await recordRepositoryName(db, id, before.fullName, metadata.observedAt);
  await recordRepositoryName(db, id, row.full_name, metadata.observedAt);
  return toRepository(row);
}

export interface RepositoryStatePatch {
  state: RepositoryState;
  /** Why (e.g. "GitHub answered 451"); null clears it. */
  reason: string | null;
  /** Set when a crawl completed. */
  lastSuccessAt?: Date;
}

export async function setRepositoryState(
  db: Kysely<Database>,
  id: number,
  patch: RepositoryStatePatch,
): Promise<void> {
  await db
    .updateTable('repository')
    .set({
      state: patch.state,
      state_reason: patch.reason,
      ...(patch.lastSuccessAt ? { last_success_at: patch.lastSuccessAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Pins the repository to one credential (ETags only answer 304 to the token that got them). */
export async function setRepositoryCredential(
  db: Kysely<Database>,
  id: number,
  credentialFingerprint: string | null,
): Promise<void> {
  await db
    .updateTable('repository')
    .set({ credential_fingerprint: credentialFingerprint })
    .where('id', '=', id)
    .execute();
}

/** Notes that the repository was seen on GitHub under `fullName` at `seenAt` (renames keep history). */
export async function recordRepositoryName(
  db: Kysely<Database>,
  repositoryId: number,
  fullName: string,
  seenAt: Date = new Date(),
): Promise<void> {
  await db
    .insertInto('repository_name')
    .values({ repository_id: repositoryId, full_name: fullName, first_seen_at: seenAt, last_seen_at: seenAt })
    .onConflict((oc) =>
      oc.columns(['repository_id', 'full_name']).doUpdateSet({
        first_seen_at: sql`least(repository_name.first_seen_at, excluded.first_seen_at)`,
        last_seen_at: sql`greatest(repository_name.last_seen_at, excluded.last_seen_at)`,
      }),
    )
    .execute();
}

export interface RepositoryNameSighting {
  fullName: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** Names the repository was seen under, oldest first. */
export async function listRepositoryNames(
  db: Kysely<Database>,
  repositoryId: number,
): Promise<RepositoryNameSighting[]> {
  const rows = await db
    .selectFrom('repository_name')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .orderBy('first_seen_at')
    .execute();
  return rows.map((r) => ({
    fullName: r.full_name,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  }));
}

function toRepository(row: Selectable<RepositoryTable>): Repository {
  return {
    id: row.id,
    githubId: row.github_id,
    owner: row.owner,
    name: row.name,
    fullName: row.full_name,
    description: row.description,
    homepage: row.homepage,
    defaultBranch: row.default_branch,
    language: row.language,
    licenseSpdx: row.license_spdx,
    topics: row.topics,
    fork: row.fork,
    archived: row.archived,
    stargazersCount: row.stargazers_count,
    forksCount: row.forks_count,
    watchersCount: row.watchers_count,
    openIssuesCount: row.open_issues_count,
    createdAt: row.created_at,
    pushedAt: row.pushed_at,
    updatedAtGithub: row.updated_at_github,
    observedAt: row.observed_at,
    credentialFingerprint: row.credential_fingerprint,
    state: row.state,
    stateReason: row.state_reason,
    addedAt: row.added_at,
    lastSuccessAt: row.last_success_at,
  };
}
