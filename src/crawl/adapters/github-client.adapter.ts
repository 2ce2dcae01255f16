import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import {
  getRepository,
  graphqlQuery,
  isGitHubError,
  paginateRest,
  type BudgetSnapshot,
  type EtagStore,
  type GitHubClient,
} from '../../github/index.js';
import { findHttpCacheEntry, upsertHttpCacheEntry } from '../../store/http-cache.store.js';
import type { BudgetView } from './budget-view.js';
import type { CrawlGitHub, RepoRef, RestRepository } from './github.port.js';

/**
 * The stages' view of GitHub (github.port.ts) on top of src/github's client: picks the credential a
 * repository is pinned to, keeps ETags in http_cache tagged with the repository (removing it drops
 * them), and keeps a recent budget snapshot for progress lines.
 */
export function createCrawlGitHub(client: GitHubClient, db: Kysely<Database>): CrawlGitHub {
  let snapshot: BudgetSnapshot[] = [];
  let refreshing = false;
  let refreshedAt = 0;
  // Progress lines need a budget figure now and then, not one per page (a snapshot per page cost
  // ~0.15 ms of crawler CPU each).
  const refreshBudget = () => {
    const now = Date.now();
    if (refreshing || now - refreshedAt < BUDGET_REFRESH_MS) return;
    refreshing = true;
    refreshedAt = now;
    client
      .budget()
      .then((s) => (snapshot = s))
      .catch(() => undefined)
      .finally(() => (refreshing = false));
  };
  const credentialOf = (ref: RepoRef) =>
    client.pickCredential(
      ref.githubId !== null ? `id:${ref.githubId}` : `name:${ref.owner}/${ref.name}`.toLowerCase(),
      ref.credentialFingerprint ?? undefined,
    );

  return {
    async getRepository(ref, options) {
      const credential = credentialOf(ref);
      const lookup = await getRepository(client, ref.owner, ref.name, {
        credential,
        knownId: ref.githubId ?? undefined,
        conditional: options.conditional,
      });
      refreshBudget();
      if (lookup.notModified || !lookup.repository)
        return { notModified: true, credentialFingerprint: credential };
      return {
        notModified: false,
        credentialFingerprint: credential,
        data: lookup.repository as unknown as RestRepository,
        idChanged: lookup.idChanged,
        saveValidators: lookup.saveValidators,
      };
    },

    async *restPages<T>(
      ref: RepoRef,
      route: string,
      params: Readonly<Record<string, string | number | undefined>>,
      options: { conditional: boolean },
    ) {
      const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
      const pages = paginateRest<T>(
        client,
        `GET ${route}`,
        { owner: ref.owner, repo: ref.name, ...defined },
        {
          credential: credentialOf(ref),
          conditional: options.conditional,
          etagStore: etagStoreFor(db, ref.repositoryId),
        },
      );
      for await (const page of pages) {
        refreshBudget();
        yield {
          items: page.items,
          notModified: page.notModified,
          last: page.last,
          truncated: page.truncated,
        };
      }
    },

    async exists(ref, route, params) {
      try {
        await client.rest(
          `GET ${route}`,
          { owner: ref.owner, repo: ref.name, ...params },
          { credential: credentialOf(ref) },
        );
        return true;
      } catch (err) {
        if (isGitHubError(err, 'gone')) return false;
        throw err;
      } finally {
        refreshBudget();
      }
    },

    async graphql<T>(ref: RepoRef, query: string, variables: Readonly<Record<string, unknown>>) {
      const result = await graphqlQuery<T>(
        client,
        query,
        { ...variables },
        { credential: credentialOf(ref), estimatedCost: 1 },
      );
      refreshBudget();
      return {
        data: result.data,
        errors: result.errors.map((e) => ({
          message: e.message,
          ...(e.type ? { type: e.type } : {}),
          ...(e.path ? { path: e.path } : {}),
        })),
      };
    },

    budget(): BudgetView | undefined {
      refreshBudget();
      return budgetViewOf(snapshot);
    },
  };
}

/**
 * ETags in http_cache, (credential, URL) → validators, tagged with the repository when known (the
 * client's default store — used by getRepository — is `etagStoreFor(db, null)`).
 */
export function etagStoreFor(db: Kysely<Database>, repositoryId: number | null): EtagStore {
  return {
    async get(fingerprint, url) {
      const entry = await findHttpCacheEntry(db, fingerprint, url);
      return entry && { etag: entry.etag, lastModified: entry.lastModified };
    },
    async set(fingerprint, url, etag, lastModified) {
      await upsertHttpCacheEntry(db, {
        credentialFingerprint: fingerprint,
        url,
        repositoryId,
        etag,
        lastModified,
      });
    },
  };
}

const BUDGET_REFRESH_MS = 1_000;

function budgetViewOf(snapshot: readonly BudgetSnapshot[]): BudgetView | undefined {
  if (snapshot.length === 0) return undefined;
  const sum = (resource: string) => {
    const values = snapshot
      .flatMap((s) => s.resources)
      .filter((r) => r.resource === resource && r.remaining !== null)
      .map((r) => r.remaining as number);
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  return { core: sum('core'), graphql: sum('graphql') };
}
