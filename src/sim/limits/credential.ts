import { createHash } from 'node:crypto';

/**
 * Who a request is charged to: a token (by fingerprint, never raw), a GitHub App installation (all
 * its tokens alike) or, unauthenticated, the client IP.
 */
export interface Credential {
  /** Bucket key: `token:<fingerprint>`, `installation:<id>` or `ip:<address>`. */
  key: string;
  /**
   * Short sha256 fingerprint shown in stats (for an installation token: of
   * `app:<appId>/installation:<id>`, the fingerprint OSS Vitals gives the installation);
   * `anonymous:<ip>` without a token.
   */
  fingerprint: string;
  token: string | null;
  authenticated: boolean;
  /** Set for GitHub App installation tokens (minted by POST /app/installations/{id}/access_tokens). */
  installation?: { appId: number; installationId: number };
}

/**
 * GitHub accepts `Authorization: token X` and `Authorization: Bearer X`
 * (https://docs.github.com/rest/authentication/authenticating-to-the-rest-api).
 */
export function credentialOf(authorization: string | undefined, clientIp: string): Credential {
  const token = tokenOf(authorization);
  if (token === null) {
    return { key: `ip:${clientIp}`, fingerprint: `anonymous:${clientIp}`, token: null, authenticated: false };
  }
  const installation = installationOfToken(token);
  if (installation !== undefined) {
    return {
      key: `installation:${installation.installationId}`,
      fingerprint: tokenFingerprint(`app:${installation.appId}/installation:${installation.installationId}`),
      token,
      authenticated: true,
      installation,
    };
  }
  const fingerprint = tokenFingerprint(token);
  return { key: `token:${fingerprint}`, fingerprint, token, authenticated: true };
}

export function tokenOf(authorization: string | undefined): string | null {
  return /^\s*(?:token|bearer)\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? null;
}

export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}

/**
 * The simulator's installation tokens name their installation: `ghs_<appId>x<installationId>x<hex>`
 * (GitHub's are `ghs_` + 36 opaque characters). Whether such a token was really issued and is still
 * valid is checked against the issued tokens (src/sim/apps/app-tokens.ts) before any route runs.
 */
export function installationTokenFor(appId: number, installationId: number, randomHex: string): string {
  return `ghs_${appId}x${installationId}x${randomHex}`;
}

export function installationOfToken(token: string): { appId: number; installationId: number } | undefined {
  const match = /^ghs_(\d+)x(\d+)x[0-9a-f]+$/.exec(token);
  return match ? { appId: Number(match[1]), installationId: Number(match[2]) } : undefined;
}
