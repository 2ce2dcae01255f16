import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * `Authorization: Bearer <key>` against the configured API keys (VITALS_API_KEYS). Both sides are
 * hashed first so the comparison takes the same time whatever the lengths, and every key is
 * compared (no early exit) so timing does not tell which key nearly matched. Keys are never logged.
 */
export function createBearerCheck(keys: readonly string[]): (authorization: string | undefined) => boolean {
  const digests = keys.map(digest);
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) return false;
    const offered = digest(match[1]);
    let ok = false;
    for (const d of digests) ok = timingSafeEqual(d, offered) || ok;
    return ok;
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
