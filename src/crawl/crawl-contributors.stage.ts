import {
  contributorKey,
  deleteContributorsExcept,
  upsertContributors,
  type ContributorRecord,
} from '../store/contributor.store.js';
import { upsertUserRefs } from '../store/user.store.js';
import { crawlFullList } from './full-list.js';
import { loadRepository } from './repo-ref.js';
import { contributorRow, type RestContributor } from './rows/contributor.rows.js';
import { userReferences } from './rows/user.rows.js';
import type { Stage } from './stage.js';

/**
 * GitHub's contributor list (REST `/contributors?anon=1`: linked accounts and, for unlinked commit
 * emails, anonymous entries). GitHub recomputes it whole, so a changed list is re-read whole and
 * entries no longer listed are dropped at the end. Only one small record per contributor is kept in
 * memory (to know whom GitHub still lists), never the pages.
 */
export const crawlContributorsStage: Stage = async (deps, { repositoryId }) => {
  const { ref } = await loadRepository(deps.db, repositoryId);
  const seen: ContributorRecord[] = [];
  const seenKeys = new Set<string>();
  const result = await crawlFullList<RestContributor>(
    deps,
    ref,
    'contributors',
    '/repos/{owner}/{repo}/contributors',
    { anon: '1' },
    async (trx, items) => {
      const records = items.map(contributorRow).filter((r) => r !== undefined);
      for (const record of records) {
        const key = contributorKey(record);
        if (!seenKeys.has(key)) {
          seenKeys.add(key);
          seen.push(record);
        }
      }
      const people = userReferences(
        items.filter((i) => i.type !== 'Anonymous').map((i) => ({ login: i.login, id: i.id, type: i.type })),
        deps.settings,
      );
      if (people.length > 0) await upsertUserRefs(trx, people);
      if (records.length > 0) await upsertContributors(trx, repositoryId, records);
      return records.length;
    },
    { complete: (trx) => deleteContributorsExcept(trx, repositoryId, seen) },
  );
  return { stage: 'contributors', ...result };
};
