import { createPublicKey } from 'node:crypto';

/** A GitHub App the simulator knows: JWTs signed with its private key get installation tokens. */
export interface SimApp {
  id: number;
  /** PEM (SPKI or PKCS#1) public key; JWTs are verified against it (RS256). */
  publicKeyPem: string;
  /** Installation ids of this app. */
  installations: number[];
}

/**
 * The simulator's live configuration (PATCH /_sim/config changes it while serving).
 * Defaults are GitHub's published numbers for a personal access token:
 * 5,000 core and 5,000 GraphQL points per hour, 60/h unauthenticated, secondary limits of 100
 * concurrent requests, 900 REST and 2,000 GraphQL points per minute
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 */
export interface SimConfig {
  rateLimit: { core: number; graphql: number; windowSeconds: number; unauthenticated: number };
  secondary: {
    maxConcurrent: number;
    restPointsPerMinute: number;
    graphqlPointsPerMinute: number;
    retryAfterSeconds: number;
  };
  faults: {
    seed: number;
    error5xxRate: number;
    dropRate: number;
    latencyMs: number;
    latencyJitterMs: number;
  };
  /** These tokens get 401 Bad credentials (expired/revoked). */
  rejectTokens: string[];
  /**
   * Added by SIM-REST (optional in patches): `maxPage` = deepest page list endpoints serve before
   * answering 422 (GitHub refuses very deep pages on some lists; 0 = unlimited);
   * `contributorLinkLimit` = how many distinct author emails GitHub links to accounts (500).
   */
  rest: { maxPage: number; contributorLinkLimit: number };
  /** GitHub Apps (POST /app/installations/{id}/access_tokens); a patch replaces the whole list. */
  apps: SimApp[];
  /** How long an installation token is valid (GitHub: one hour); later it gets 401 Bad credentials. */
  appTokenLifetimeSeconds: number;
}

export type DeepPartial<T> = T extends (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export function defaultSimConfig(): SimConfig {
  return {
    rateLimit: { core: 5000, graphql: 5000, windowSeconds: 3600, unauthenticated: 60 },
    secondary: {
      maxConcurrent: 100,
      restPointsPerMinute: 900,
      graphqlPointsPerMinute: 2000,
      retryAfterSeconds: 60,
    },
    faults: { seed: 1, error5xxRate: 0, dropRate: 0, latencyMs: 0, latencyJitterMs: 0 },
    rejectTokens: [],
    rest: { maxPage: 0, contributorLinkLimit: 500 },
    apps: [],
    appTokenLifetimeSeconds: 3600,
  };
}

/**
 * Applies a patch in place, key by key, refusing unknown keys and wrong types so that a typo in
 * `--config` or PATCH /_sim/config is an error instead of a silently ignored setting.
 */
export function applySimConfigPatch(config: SimConfig, patch: unknown): void {
  mergeInto(config as unknown as Record<string, unknown>, patch, 'config');
}

function mergeInto(target: Record<string, unknown>, patch: unknown, path: string): void {
  if (patch === undefined) return;
  if (!isPlainObject(patch)) throw new TypeError(`${path} must be an object`);
  for (const [key, value] of Object.entries(patch)) {
    const keyPath = `${path}.${key}`;
    if (!(key in target)) throw new TypeError(`unknown setting ${keyPath}`);
    const current = target[key];
    if (keyPath === 'config.apps') {
      target[key] = simAppsOf(value, keyPath);
    } else if (Array.isArray(current)) {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw new TypeError(`${keyPath} must be an array of strings`);
      }
      target[key] = [...value];
    } else if (isPlainObject(current)) {
      mergeInto(current, value, keyPath);
    } else {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new TypeError(`${keyPath} must be a non-negative number`);
      }
      target[key] = value;
    }
  }
}

function simAppsOf(value: unknown, path: string): SimApp[] {
  if (!Array.isArray(value)) throw new TypeError(`${path} must be an array of apps`);
  return value.map((app: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isPlainObject(app)) throw new TypeError(`${at} must be an object`);
    const unknown = Object.keys(app).find((k) => !['id', 'publicKeyPem', 'installations'].includes(k));
    if (unknown !== undefined) throw new TypeError(`unknown setting ${at}.${unknown}`);
    const { id, publicKeyPem, installations } = app;
    if (!isPositiveInteger(id)) throw new TypeError(`${at}.id must be a positive integer`);
    if (typeof publicKeyPem !== 'string') throw new TypeError(`${at}.publicKeyPem must be a PEM string`);
    try {
      createPublicKey(publicKeyPem);
    } catch {
      throw new TypeError(`${at}.publicKeyPem is not a PEM public key`);
    }
    if (!Array.isArray(installations) || !installations.every(isPositiveInteger))
      throw new TypeError(`${at}.installations must be an array of positive integers`);
    return { id, publicKeyPem, installations: [...installations] };
  });
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
