import { createAppAuth } from '@octokit/auth-app';
import { forgetSecret, registerSecret } from '../shared/redact.js';
import type { GitHubOctokit } from './create-octokit.js';
import type { Transport } from './transport.js';

/**
 * GitHub App installations as credentials. @octokit/auth-app (octokit's `authStrategy`) signs the
 * app's JWT, asks `POST /app/installations/{id}/access_tokens` for an installation token, caches it
 * and sends it as `token …` on every request; this file adds what OSS Vitals needs around it:
 * - a token cache that lets a token go shortly before its `expires_at` (auth-app's own cache keeps
 *   tokens for 59 minutes whatever GitHub said), and registers every token with the redactor;
 * - one fresh token and one retry when a request is answered 401 because its token expired while
 *   the request waited (budget, concurrency);
 * - a refused installation token (JWT 401: wrong key or app id; 404: no such installation; 403:
 *   suspended) becomes an InstallationTokenError naming the app and installation, which the failure
 *   policy classifies as GH_AUTH_FAILED (the credential is disabled, as a rejected token is);
 * - app-level requests (JWT-authenticated `/app/…`) bypass the installation's budget ledger: GitHub
 *   counts them against the app, not the installation
 *   (https://docs.github.com/en/apps/creating-github-apps/registering-a-github-app/rate-limits-for-github-apps).
 */
export interface AppInstallationCredential {
  appId: number;
  installationId: number;
  /** PKCS#8 PEM; goes into auth-app and nowhere else. */
  privateKey: string;
}

/** Refresh this long before `expires_at` (GitHub tokens live an hour), or a quarter of the lifetime if shorter. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** Installation tokens kept registered with the redactor per installation (older ones have expired). */
const REMEMBERED_TOKENS = 3;

/** auth-app treats any falsy cache value as a miss (its types ask for a string). */
const MISS = '';

/** Octokit constructor options that authenticate as the installation. */
export function appInstallationAuth(credential: AppInstallationCredential): {
  authStrategy: typeof createAppAuth;
  auth: Parameters<typeof createAppAuth>[0];
} {
  return {
    authStrategy: createAppAuth,
    auth: {
      appId: credential.appId,
      privateKey: credential.privateKey,
      installationId: credential.installationId,
      cache: expiringTokenCache(),
    },
  };
}

/**
 * auth-app's cache contract: one string per installation, `token|createdAt|expiresAt|…`
 * (@octokit/auth-app cache.js). A miss makes auth-app fetch a new token. Wall-clock time, as
 * auth-app's `createdAt` and GitHub's `expires_at` are.
 */
function expiringTokenCache(): {
  get(key: string): string;
  set(key: string, value: string): void;
} {
  const entries = new Map<string, string>();
  const tokens: string[] = [];
  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return MISS;
      const [, createdAt = '', expiresAt = ''] = value.split('|');
      const expiresMs = Date.parse(expiresAt);
      if (Number.isNaN(expiresMs)) return value;
      const lifetimeMs = expiresMs - (Date.parse(createdAt) || expiresMs);
      const marginMs = Math.min(REFRESH_MARGIN_MS, Math.max(0, lifetimeMs / 4));
      if (Date.now() < expiresMs - marginMs) return value;
      entries.delete(key);
      return MISS;
    },
    set(key, value) {
      const token = value.split('|')[0];
      registerSecret(token);
      if (token) tokens.push(token);
      while (tokens.length > REMEMBERED_TOKENS) forgetSecret(tokens.shift());
      entries.set(key, value);
    },
  };
}

/** True for the JWT-authenticated app endpoints (`/app`, `/app/installations/…`). */
export function isAppRoute(apiUrl: string, url: string): boolean {
  const base = new URL(apiUrl).pathname.replace(/\/+$/, '');
  const path = new URL(url, apiUrl).pathname;
  const rest = path.startsWith(`${base}/`) ? path.slice(base.length) : path;
  return /^\/app(\/|$)/.test(rest);
}

/** Sends app-level requests through `direct`, everything else through the installation's `budgeted` fetch. */
export function routeAppRequests(apiUrl: string, budgeted: Transport, direct: Transport): Transport {
  return (url, init) => (isAppRoute(apiUrl, url) ? direct(url, init) : budgeted(url, init));
}

/**
 * A GitHub App installation could not get a token. Not a VitalsError on purpose: the request loop
 * classifies it (rule `installation-token-refused`, GH_AUTH_FAILED) and disables the credential.
 */
export class InstallationTokenError extends Error {
  readonly installationTokenRefused = true;
  readonly status: number | undefined;
  readonly response:
    { status: number; headers: Record<string, string>; data: { message: string } } | undefined;

  constructor(
    credential: { appId: number; installationId: number },
    status: number | undefined,
    detail: string,
  ) {
    const message =
      `GitHub App ${credential.appId} installation ${credential.installationId} could not get an installation token` +
      ` (${status ?? 'no status'}: ${detail}): ${hintFor(status)}`;
    super(message);
    this.name = 'InstallationTokenError';
    this.status = status;
    this.response = status === undefined ? undefined : { status, headers: {}, data: { message } };
  }
}

function hintFor(status: number | undefined): string {
  if (status === 401)
    return 'GitHub rejected the app JWT — check GITHUB_APP_ID and that the private key belongs to this app and was not revoked';
  if (status === 404)
    return 'no such installation of this app — check GITHUB_APP_INSTALLATION_IDS (the app may have been uninstalled)';
  if (status === 403) return 'the installation is suspended or the app may not access it';
  return 'the JWT could not be signed — check the private key';
}

const ACCESS_TOKENS_PATH = /\/app\/installations\/[^/]+\/access_tokens(\?|$)/;

/**
 * The refused-token failure hidden in `err`, if any: a 401/403/404 answer to the access-token
 * request, or auth-app failing to sign the JWT. A rate-limited or 5xx answer stays what it is
 * (the failure policy waits or retries).
 */
export function installationTokenFailure(
  err: unknown,
  credential: { appId: number; installationId: number },
): InstallationTokenError | undefined {
  if (err instanceof InstallationTokenError) return err;
  const e = (err ?? {}) as {
    status?: unknown;
    message?: unknown;
    request?: { url?: unknown };
    response?: { headers?: Record<string, unknown>; data?: unknown };
  };
  const message = typeof e.message === 'string' ? e.message : '';
  if (typeof e.request?.url === 'string' && ACCESS_TOKENS_PATH.test(e.request.url)) {
    const status = typeof e.status === 'number' ? e.status : undefined;
    const headers = e.response?.headers ?? {};
    const rateLimited =
      headers['retry-after'] !== undefined || String(headers['x-ratelimit-remaining']) === '0';
    if ((status === 401 || status === 404 || status === 403) && !rateLimited) {
      const data = e.response?.data as { message?: unknown } | undefined;
      const detail = typeof data?.message === 'string' ? data.message : 'refused';
      return new InstallationTokenError(credential, status, detail);
    }
    return undefined;
  }
  if (/\[(universal-github-app-jwt|@octokit\/auth-app)\]/.test(message))
    return new InstallationTokenError(credential, undefined, 'the app JWT could not be created');
  return undefined;
}

/**
 * The outermost request hook of an installation's octokit: a 401 with an installation token that
 * is no longer the newest gets one retry with a fresh token; refused tokens become
 * InstallationTokenError. App-level requests pass through untouched.
 */
export function handleInstallationTokens(
  octokit: GitHubOctokit,
  apiUrl: string,
  credential: { appId: number; installationId: number },
): void {
  octokit.hook.wrap('request', async (request, options) => {
    const url = /^https?:/.test(options.url) ? options.url : `${options.baseUrl}${options.url}`;
    if (isAppRoute(apiUrl, url)) return request(options);
    const startedMs = Date.now();
    const failure = (err: unknown) => installationTokenFailure(err, credential) ?? err;
    try {
      return await request(options);
    } catch (err) {
      if ((err as { status?: unknown }).status !== 401) throw failure(err);
    }
    // 401: the token expired (or was revoked) while the request waited. A token minted after this
    // request started is used as is; otherwise mint one. A second 401 means it: the loop disables
    // the credential.
    try {
      const current = (await octokit.auth({ type: 'installation' })) as { createdAt?: string };
      if (!(Date.parse(current.createdAt ?? '') >= startedMs))
        await octokit.auth({ type: 'installation', refresh: true });
      return await request(options);
    } catch (err) {
      throw failure(err);
    }
  });
}
