import { createHash } from 'node:crypto';

/**
 * Weak ETags as GitHub sends them (`W/"…"`). GitHub's responses vary by `Authorization`, so an ETag
 * is only honoured for the credential that received it: the tag hashes the body with the
 * credential's fingerprint. A string body hashes as its UTF-8 bytes, so a page hashes the same
 * whether it is given as text or as the bytes that are sent.
 */
export function contentHash(body: string | Buffer): string {
  return createHash('sha1').update(body).digest('hex');
}

export function weakEtag(bodyHash: string, credentialKey: string): string {
  return `W/"${createHash('sha1').update(bodyHash).update('\0').update(credentialKey).digest('hex')}"`;
}

/** `If-None-Match` may list several tags or `*`; weak comparison ignores the `W/` prefix (RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const wanted = stripWeak(etag);
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || stripWeak(trimmed) === wanted;
  });
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** RFC 9110 date, second precision; an `If-Modified-Since` at or after it means "not modified". */
export function notModifiedSince(ifModifiedSince: string | undefined, lastModifiedIso: string): boolean {
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(Date.parse(lastModifiedIso) / 1000) * 1000 <= since;
}

export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
