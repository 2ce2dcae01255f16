import type { Redis } from 'ioredis';
import type { Config } from '../../config/load-config.js';
import { ANONYMOUS_FINGERPRINT, configuredCredentialFingerprints } from '../github/credential.js';
import { pickCredentialFor } from '../github/pick-credential.js';
import type { Repository } from '../store/repository.store.js';

/**
 * Which credential — hence which stage queue — a repository's crawl goes to. The same rendezvous
 * hash as the crawler's GitHub adapter (key `id:<github id>`, or `name:owner/name` before the
 * first crawl; the fingerprint stored on the row wins), so the queue a stage waits in and the
 * credential it spends always agree.
 */
export function credentialForRepository(repository: Repository, fingerprints: readonly string[]): string {
  const key =
    repository.githubId !== null
      ? `id:${repository.githubId}`
      : `name:${repository.owner}/${repository.name}`.toLowerCase();
  return (
    pickCredentialFor(key, fingerprints, repository.credentialFingerprint ?? undefined) ??
    ANONYMOUS_FINGERPRINT
  );
}

/**
 * Fingerprints of the configured credentials (never the tokens): personal tokens and GitHub App
 * installations. An installation's fingerprint derives from its app and installation ids, so every
 * machine configured with the same app computes the same stage queues.
 */
export function configuredFingerprints(config: Pick<Config, 'github'>): string[] {
  const fingerprints = configuredCredentialFingerprints(config.github);
  return fingerprints.length > 0 ? fingerprints : [ANONYMOUS_FINGERPRINT];
}

/** Whether this process has credentials of its own (tokens or app installations). */
export function hasConfiguredCredentials(config: Pick<Config, 'github'>): boolean {
  return configuredCredentialFingerprints(config.github).length > 0;
}

/**
 * Workers announce the credentials they serve, so a process without tokens (an API server, an
 * operator's laptop) still routes crawls to queues that some worker consumes.
 */
export async function announceCredentials(
  redis: Redis,
  prefix: string,
  fingerprints: readonly string[],
): Promise<void> {
  if (fingerprints.length > 0) await redis.sadd(credentialsKey(prefix), ...fingerprints);
}

export async function announcedCredentials(redis: Redis, prefix: string): Promise<string[]> {
  return (await redis.smembers(credentialsKey(prefix))).sort();
}

/** Credentials to route by: the configured ones, else those the workers announced. */
export async function routingFingerprints(
  redis: Redis,
  prefix: string,
  config: Pick<Config, 'github'>,
): Promise<string[]> {
  if (hasConfiguredCredentials(config)) return configuredFingerprints(config);
  const announced = await announcedCredentials(redis, prefix);
  return announced.length > 0 ? announced : [ANONYMOUS_FINGERPRINT];
}

function credentialsKey(prefix: string): string {
  return `${prefix}:vitals:credentials`;
}
