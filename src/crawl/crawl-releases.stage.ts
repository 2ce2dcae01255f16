import { deleteByGithubId, listGithubIds } from '../store/github-id-rows.js';
import { upsertReleases } from '../store/release.store.js';
import { upsertUserRefs } from '../store/user.store.js';
import { crawlFullList } from './full-list.js';
import { loadRepository } from './repo-ref.js';
import { releaseRow, type RestRelease } from './rows/release.rows.js';
import { userReferences } from './rows/user.rows.js';
import type { Stage } from './stage.js';

/**
 * Releases (REST `/releases`, newest first, no `since`): re-read only when the first page changed,
 * and in full every `reconcileEveryDays`; a release a complete read no longer lists is deleted once
 * its own URL answers 404/410.
 */
export const crawlReleasesStage: Stage = async (deps, { repositoryId }) => {
  const { ref } = await loadRepository(deps.db, repositoryId);
  const result = await crawlFullList<RestRelease>(
    deps,
    ref,
    'releases',
    '/repos/{owner}/{repo}/releases',
    {},
    async (trx, items) => {
      const records = items.filter((i) => typeof i?.id === 'number').map(releaseRow);
      const people = userReferences(
        items.map((i) => i.author),
        deps.settings,
      );
      if (people.length > 0) await upsertUserRefs(trx, people);
      if (records.length > 0) await upsertReleases(trx, repositoryId, records);
      return records.length;
    },
    {
      reconciler: {
        idOf: (item) => (typeof item?.id === 'number' ? item.id : undefined),
        listStored: async (trx, upTo) =>
          (await listGithubIds(trx, 'release', repositoryId, 'created_at', upTo)).map((githubId) => ({
            githubId,
            params: { release_id: githubId },
          })),
        itemRoute: '/repos/{owner}/{repo}/releases/{release_id}',
        deleteRows: (trx, ids) => deleteByGithubId(trx, 'release', repositoryId, ids),
      },
    },
  );
  return { stage: 'releases', ...result, outcome: result.outcome === 'empty' ? 'ok' : result.outcome };
};
