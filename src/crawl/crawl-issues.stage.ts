import {
  deleteIssuesByGithubId,
  listIssueGithubIds,
  upsertIssues,
  type IssueRecord,
} from '../store/issue.store.js';
import { loadRepository } from './repo-ref.js';
import { issueRow, type RestIssue } from './rows/issue.rows.js';
import { userReferences } from './rows/user.rows.js';
import type { Stage } from './stage.js';
import { crawlUpdatedList } from './updated-list.js';

/**
 * Issues and pull requests: REST `GET /repos/{o}/{r}/issues?state=all&sort=updated&direction=asc&since=…`
 * (the list includes pull requests, marked by `pull_request`), incremental by watermark.
 */
export const crawlIssuesStage: Stage = async (deps, { repositoryId }) => {
  const { ref } = await loadRepository(deps.db, repositoryId);
  const result = await crawlUpdatedList<RestIssue, IssueRecord>(
    deps,
    ref,
    'issues',
    '/repos/{owner}/{repo}/issues',
    {
      map: (items) => ({
        records: items.filter((i) => typeof i?.number === 'number' && typeof i.id === 'number').map(issueRow),
        people: userReferences(
          items.flatMap((i) => [i.user, i.closed_by]),
          deps.settings,
        ),
      }),
      upsert: (trx, records) => upsertIssues(trx, repositoryId, records),
    },
    {
      idOf: (item) => (typeof item?.id === 'number' ? item.id : undefined),
      listStored: async (trx, upTo) =>
        (await listIssueGithubIds(trx, repositoryId, upTo)).map((r) => ({
          githubId: r.githubId,
          params: { issue_number: r.number },
        })),
      // Pull requests too: GitHub answers this URL for them (and 404/410 once an issue is deleted).
      itemRoute: '/repos/{owner}/{repo}/issues/{issue_number}',
      // An issue goes with its comments, reviews and review comments (see deleteIssuesByGithubId).
      deleteRows: (trx, ids) => deleteIssuesByGithubId(trx, repositoryId, ids),
    },
  );
  return { stage: 'issues', ...result };
};
