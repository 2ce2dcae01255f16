import { createHash } from 'node:crypto';

/**
 * Pins a repository to one credential with rendezvous (highest-random-weight) hashing: stable for a
 * given set of credentials whatever their order, and adding or removing one credential moves only the
 * repositories that hashed to it. Pinning matters because ETags are tied to the token that got them:
 * another token's request would not answer 304
 * (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 * The crawler stores the chosen fingerprint on the repository row and passes it back as `preferred`.
 */
export function pickCredentialFor(
  repoKey: string,
  fingerprints: readonly string[],
  preferred?: string,
): string | undefined {
  if (preferred !== undefined && fingerprints.includes(preferred)) return preferred;
  let best: string | undefined;
  let bestWeight = -1n;
  for (const fingerprint of fingerprints) {
    const weight = createHash('sha256').update(`${fingerprint}\u0000${repoKey}`).digest().readBigUInt64BE(0);
    if (weight > bestWeight) {
      best = fingerprint;
      bestWeight = weight;
    }
  }
  return best;
}
