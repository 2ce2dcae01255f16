import { createHash } from 'node:crypto';

/** Who a request is charged to: a token (by fingerprint, never raw) or, unauthenticated, the client IP. */
export interface Credential {
  /** Bucket key: `token:<fingerprint>` or `ip:<address>`. */
  key: string;
  /** Short sha256 fingerprint shown in stats; `anonymous:<ip>` without a token. */
  fingerprint: string;
  token: string | null;
  authenticated: boolean;
}

/**
 * GitHub accepts `Authorization: token X` and `Authorization: Bearer X`
 * (https://docs.github.com/rest/authentication/authenticating-to-the-rest-api).
 */
export function credentialOf(authorization: string | undefined, clientIp: string): Credential {
  const match = /^\s*(?:token|bearer)\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1] ?? null;
  if (token === null) {
    return { key: `ip:${clientIp}`, fingerprint: `anonymous:${clientIp}`, token: null, authenticated: false };
  }
  const fingerprint = tokenFingerprint(token);
  return { key: `token:${fingerprint}`, fingerprint, token, authenticated: true };
}

export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}
