import { isGitHubError } from '../github/github-error.js';
import { upsertCrawlState } from '../store/crawl-state.store.js';
import {
  deleteRepository,
  findRepositoryByFullName,
  findRepositoryByGithubId,
  recordRepositoryName,
  setRepositoryCredential,
  setRepositoryState,
  updateRepositoryMetadata,
  type RepositoryMetadata,
} from '../store/repository.store.js';
import type { RestRepository } from './adapters/github.port.js';
import { beginEntity, finished } from './entity-run.js';
import { loadRepository } from './repo-ref.js';
import { cleanText, toCount, toDateOrNull } from './rows/clean-text.js';
import type { Stage } from './stage.js';

/**
 * Repository metadata (REST `GET /repos/{owner}/{repo}`, conditional: an unchanged repository costs a
 * free 304). Identity is GitHub's numeric id: a rename or transfer is followed (GitHub answers 301 to
 * the old name), the row takes the new name and the old one stays in repository_name. 404/410 and
 * 451/"access blocked" are facts about the repository: recorded with the reason, not thrown.
 */
export const crawlRepoStage: Stage = async (deps, { repositoryId }) => {
  const { db, github, clock, logger } = deps;
  const { repo, ref } = await loadRepository(db, repositoryId);
  const run = await beginEntity(db, repositoryId, 'repo');
  let answer;
  try {
    answer = await github.getRepository(ref, { conditional: run.conditional && repo.githubId !== null });
  } catch (err) {
    if (isGitHubError(err, 'gone') || isGitHubError(err, 'blocked')) {
      const state = err.kind === 'gone' ? 'gone' : 'blocked';
      await db.transaction().execute(async (trx) => {
        await setRepositoryState(trx, repositoryId, { state, reason: err.message });
        await upsertCrawlState(trx, repositoryId, 'repo', finished(clock.now()));
      });
      logger.warn({ repository: repo.fullName, state }, 'repository unavailable');
      return { stage: 'repository', outcome: state, rows: 0, pages: 1 };
    }
    throw err;
  }
  if (repo.credentialFingerprint !== answer.credentialFingerprint)
    await setRepositoryCredential(db, repositoryId, answer.credentialFingerprint);
  if (answer.notModified) {
    await upsertCrawlState(db, repositoryId, 'repo', finished(clock.now()));
    return { stage: 'repository', outcome: 'unchanged', rows: 0, pages: 1 };
  }
  if (answer.idChanged) {
    // Deleted, and the name re-used by a new repository: not the project we track.
    const reason = `${repo.fullName} now names another GitHub repository (id ${answer.data.id}, was ${repo.githubId})`;
    await setRepositoryState(db, repositoryId, { state: 'gone', reason });
    await upsertCrawlState(db, repositoryId, 'repo', finished(clock.now()));
    return { stage: 'repository', outcome: 'gone', rows: 0, pages: 1 };
  }
  const meta = metadataOf(answer.data, clock.now());
  const newName = `${meta.owner}/${meta.name}`;
  const duplicate = await findRepositoryByGithubId(db, meta.githubId);
  if (duplicate && duplicate.id !== repositoryId) {
    // The same GitHub repository registered under two names: keep the row that has its data.
    await setRepositoryState(db, repositoryId, {
      state: 'gone',
      reason: `same GitHub repository as ${duplicate.fullName}`,
    });
    return { stage: 'repository', outcome: 'gone', rows: 0, pages: 1 };
  }
  await db.transaction().execute(async (trx) => {
    if (newName.toLowerCase() !== repo.fullName.toLowerCase()) {
      logger.info({ repository: repo.fullName, renamedTo: newName }, 'repository renamed');
      await recordRepositoryName(trx, repositoryId, repo.fullName, meta.observedAt);
      // A row registered under the new name but never crawled is this repository: it gives way.
      const holder = await findRepositoryByFullName(trx, newName);
      if (holder && holder.id !== repositoryId && holder.githubId === null)
        await deleteRepository(trx, holder.id);
    }
    await updateRepositoryMetadata(trx, repositoryId, meta);
    if (repo.state === 'gone' || repo.state === 'blocked')
      await setRepositoryState(trx, repositoryId, { state: 'never', reason: null });
    await upsertCrawlState(
      trx,
      repositoryId,
      'repo',
      finished(clock.now(), { watermarkAt: meta.updatedAtGithub }),
    );
  });
  await answer.saveValidators();
  return { stage: 'repository', outcome: 'ok', rows: 1, pages: 1 };
};

function metadataOf(data: RestRepository, observedAt: Date): RepositoryMetadata {
  const [ownerFromFullName = '', nameFromFullName = ''] = (data.full_name ?? '').split('/');
  return {
    githubId: data.id,
    owner: cleanText(data.owner?.login ?? ownerFromFullName, 100),
    name: cleanText(data.name ?? nameFromFullName, 200),
    description: cleanText(data.description, 2000),
    homepage: cleanText(data.homepage, 1000),
    defaultBranch: cleanText(data.default_branch, 255),
    language: cleanText(data.language, 100),
    licenseSpdx: cleanText(data.license?.spdx_id, 100),
    topics: (data.topics ?? [])
      .filter((t): t is string => typeof t === 'string')
      .slice(0, 50)
      .map((t) => cleanText(t, 100)),
    fork: data.fork === true,
    archived: data.archived === true,
    stargazersCount: toCount(data.stargazers_count) ?? 0,
    forksCount: toCount(data.forks_count) ?? 0,
    watchersCount: toCount(data.watchers_count) ?? 0,
    openIssuesCount: toCount(data.open_issues_count) ?? 0,
    createdAt: toDateOrNull(data.created_at),
    pushedAt: toDateOrNull(data.pushed_at),
    updatedAtGithub: toDateOrNull(data.updated_at),
    observedAt,
  };
}
