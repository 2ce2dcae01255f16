import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { installationTokenFor } from '../limits/credential.js';
import type { SimApp } from '../sim-config.js';

/**
 * GitHub App authentication as GitHub does it
 * (https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app):
 * the app signs a JWT (RS256, `iss` = app id, `iat` ≤ now, `exp` ≤ iat + 10 minutes) with its
 * private key; the simulator verifies it against the configured public key with node:crypto.
 */
export type JwtCheck = { ok: true; app: SimApp } | { ok: false; message: string };

/** How far a client's clock may run ahead (GitHub tolerates some skew; auth-app backdates iat 30 s). */
const CLOCK_SKEW_SECONDS = 60;
const MAX_JWT_LIFETIME_SECONDS = 600;

const NOT_DECODED = 'A JSON web token could not be decoded';

export function verifyAppJwt(jwt: string, apps: readonly SimApp[], nowMs: number): JwtCheck {
  const parts = jwt.split('.');
  if (parts.length !== 3) return { ok: false, message: NOT_DECODED };
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (header === undefined || payload === undefined || header['alg'] !== 'RS256')
    return { ok: false, message: NOT_DECODED };
  const issuer = Number(payload['iss']);
  if (!Number.isSafeInteger(issuer))
    return { ok: false, message: "'Issuer' claim ('iss') must be an Integer" };
  const app = apps.find((candidate) => candidate.id === issuer);
  if (app === undefined) return { ok: false, message: 'Integration not found' };
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  let valid: boolean;
  try {
    valid = verify('sha256', signed, publicKeyOf(app.publicKeyPem), Buffer.from(signaturePart, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, message: NOT_DECODED };
  const nowSeconds = Math.floor(nowMs / 1000);
  const iat = payload['iat'];
  const exp = payload['exp'];
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > nowSeconds + CLOCK_SKEW_SECONDS)
    return {
      ok: false,
      message:
        "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    };
  if (typeof exp !== 'number' || !Number.isInteger(exp) || exp <= nowSeconds)
    return {
      ok: false,
      message:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    };
  if (
    exp - iat > MAX_JWT_LIFETIME_SECONDS ||
    exp > nowSeconds + MAX_JWT_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS
  )
    return { ok: false, message: "'Expiration time' claim ('exp') is too far in the future" };
  return { ok: true, app };
}

interface IssuedToken {
  appId: number;
  installationId: number;
  expiresAtMs: number;
}

/** Installation tokens the simulator issued; a token unknown or past its expiry gets 401. */
export class InstallationTokens {
  private readonly issued = new Map<string, IssuedToken>();

  issue(
    appId: number,
    installationId: number,
    lifetimeSeconds: number,
    nowMs: number,
  ): { token: string; expiresAtMs: number } {
    this.prune(nowMs);
    const token = installationTokenFor(appId, installationId, randomBytes(16).toString('hex'));
    // GitHub's expires_at has whole seconds.
    const expiresAtMs = Math.floor((nowMs + lifetimeSeconds * 1000) / 1000) * 1000;
    this.issued.set(token, { appId, installationId, expiresAtMs });
    return { token, expiresAtMs };
  }

  isValid(token: string, nowMs: number): boolean {
    const entry = this.issued.get(token);
    return entry !== undefined && entry.expiresAtMs > nowMs;
  }

  private prune(nowMs: number): void {
    for (const [token, entry] of this.issued) if (entry.expiresAtMs <= nowMs) this.issued.delete(token);
  }
}

const publicKeys = new Map<string, KeyObject>();

function publicKeyOf(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (key === undefined) {
    key = createPublicKey(pem);
    publicKeys.set(pem, key);
  }
  return key;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
