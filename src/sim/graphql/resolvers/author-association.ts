import type { SimRepo } from '../../world.js';
import { commitAuthorLogins } from '../world-lookups.js';

/**
 * `authorAssociation`, with the rule REST's `author_association` uses (src/sim/render/repo-scope.ts):
 * the owner account is OWNER, anyone with a linked default-branch commit CONTRIBUTOR, else NONE.
 * MEMBER and COLLABORATOR need membership data the world does not hold.
 */
export function authorAssociation(repo: SimRepo, login: string | null): string {
  if (login === null) return 'NONE';
  if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
  return commitAuthorLogins(repo).has(login.toLowerCase()) ? 'CONTRIBUTOR' : 'NONE';
}
