import { createHash } from 'node:crypto';

/**
 * A credential as the rest of OSS Vitals sees it: a fingerprint (first 12 hex digits of the token's
 * sha256, the same fingerprint the simulator shows in its stats). The token itself never leaves
 * src/github: not in logs, errors, return values or job payloads.
 */
export interface CredentialInfo {
  fingerprint: string;
  authenticated: boolean;
}

/** Fingerprint of the unauthenticated "credential" (60 requests/hour per IP address). */
export const ANONYMOUS_FINGERPRINT = 'anonymous';

export function fingerprintOf(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}
