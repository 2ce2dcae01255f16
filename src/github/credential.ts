import { createHash } from 'node:crypto';
import type { Config } from '../../config/load-config.js';

/**
 * A credential as the rest of OSS Vitals sees it: a fingerprint (first 12 hex digits of a sha256,
 * the same fingerprint the simulator shows in its stats). The token itself never leaves
 * src/github: not in logs, errors, return values or job payloads.
 *
 * - a personal token: sha256 of the token;
 * - a GitHub App installation: sha256 of `app:<appId>/installation:<installationId>` — never of
 *   the installation token, which GitHub replaces every hour. Repositories are pinned to a
 *   credential, the shared budget ledger and the per-credential stage queues are keyed by this
 *   fingerprint, so it must be the same across token rotations and on every machine.
 */
export interface CredentialInfo {
  fingerprint: string;
  authenticated: boolean;
  /** Present for GitHub App installations (ids are not secret). */
  app?: { appId: number; installationId: number };
}

/** Fingerprint of the unauthenticated "credential" (60 requests/hour per IP address). */
export const ANONYMOUS_FINGERPRINT = 'anonymous';

export function fingerprintOf(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}

export function installationFingerprint(appId: number, installationId: number): string {
  return fingerprintOf(`app:${appId}/installation:${installationId}`);
}

/** Fingerprints of every configured credential (tokens, then app installations), without duplicates. */
export function configuredCredentialFingerprints(github: Pick<Config['github'], 'tokens' | 'app'>): string[] {
  const app = github.app;
  const fingerprints = [
    ...github.tokens.map(fingerprintOf),
    ...(app ? app.installationIds.map((id) => installationFingerprint(app.appId, id)) : []),
  ];
  return [...new Set(fingerprints)];
}

/** How errors and logs name a credential (never by its secret). */
export function describeCredential(info: CredentialInfo): string {
  return info.app
    ? `GitHub App ${info.app.appId} installation ${info.app.installationId}`
    : `credential ${info.fingerprint}`;
}
