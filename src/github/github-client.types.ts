import type { Logger } from '../shared/logger.js';
import type { BudgetSnapshot } from './budget-ledger.js';
import type { CredentialInfo } from './credential.js';
import type { EtagStore } from './etag-store.js';

/** The contract crawl stages rely on; see github-client.ts for what each method does. */
export type RestParams = Record<string, unknown>;

export interface RestOptions {
  credential: string;
  /** Send the stored validators (If-None-Match) and answer notModified on 304. */
  conditional?: boolean;
  /** Overrides the client's EtagStore for this call. */
  etagStore?: EtagStore | undefined;
  signal?: AbortSignal | undefined;
}

export interface RestResult<T> {
  status: number;
  /** undefined on 304 (the caller still has what it stored) and 204. */
  data: T | undefined;
  notModified: boolean;
  /** The URL actually answered (after redirects). */
  url: string;
  /** The URL requested (the EtagStore key). */
  requestUrl: string;
  etag: string | null;
  lastModified: string | null;
  /** The `Link` header (pagination). */
  link: string | null;
  /** Stores this response's validators for (credential, requestUrl) — call once the data is stored. */
  saveValidators(): Promise<void>;
}

export interface GraphqlOptions {
  credential: string;
  /** Points reserved from the GraphQL budget before sending (default 1). */
  estimatedCost?: number;
  signal?: AbortSignal | undefined;
}

export interface GraphqlRateLimit {
  cost: number;
  remaining: number;
  resetAt: string;
}

export interface GraphqlResult<T> {
  data: T;
  rateLimit: GraphqlRateLimit | null;
  /** NOT_FOUND errors that came with partial data (e.g. a deleted user in a batch). */
  errors: { type: string | null; message: string; path: (string | number)[] | null }[];
}

export interface GitHubClient {
  readonly credentials: readonly CredentialInfo[];
  readonly logger: Logger;
  readonly etagStore: EtagStore | undefined;
  pickCredential(repoKey: string, preferred?: string): string;
  isUsable(fingerprint: string): boolean;
  rest<T = unknown>(route: string, params: RestParams, options: RestOptions): Promise<RestResult<T>>;
  graphql<T = unknown>(
    query: string,
    variables: Record<string, unknown>,
    options: GraphqlOptions,
  ): Promise<GraphqlResult<T>>;
  budget(): Promise<BudgetSnapshot[]>;
  close(): Promise<void>;
}
