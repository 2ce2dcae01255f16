import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { getRepository, type Repository } from '../store/repository.store.js';
import type { RepoRef } from './adapters/github.port.js';

export async function loadRepository(
  db: Kysely<Database>,
  repositoryId: number,
): Promise<{ repo: Repository; ref: RepoRef }> {
  const repo = await getRepository(db, repositoryId);
  return { repo, ref: refOf(repo) };
}

export function refOf(repo: Repository): RepoRef {
  return {
    repositoryId: repo.id,
    owner: repo.owner,
    name: repo.name,
    githubId: repo.githubId,
    credentialFingerprint: repo.credentialFingerprint,
  };
}
