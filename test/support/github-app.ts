import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * GitHub App keys and JWTs for tests, made at run time (no key material in the repository).
 * `privateKeyPem` is PKCS#1 ("BEGIN RSA PRIVATE KEY"), the form GitHub hands out.
 */
export interface AppKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateAppKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** An RS256 JWT as a GitHub App signs it; `claims` override iat/exp/iss (seconds). */
export function signAppJwt(
  appId: number | string,
  privateKeyPem: string,
  claims: { iat?: number; exp?: number; iss?: unknown } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT' };
  const payload = { iat: now - 30, exp: now + 540, iss: appId, ...claims };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode(header)}.${encode(payload)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), privateKeyPem).toString('base64url')}`;
}

/** The base64 lines of a PEM (what must never appear in logs). */
export function pemBodyLines(pem: string): string[] {
  return pem
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('-----'));
}
