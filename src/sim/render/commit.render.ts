import type { SimCommit } from '../world.js';
import { commitNodeId } from './node-id.js';
import { utc } from './render-context.js';
import { embedUser, stableSha, type RepoScope } from './repo-scope.js';

/**
 * A commit as GET /repos/{o}/{r}/commits lists it. Git dates are rendered in UTC (`Z`): the REST
 * API drops the author's original offset, which only GraphQL's GitTimestamp keeps.
 */
export function renderCommit(scope: RepoScope, commit: SimCommit): Record<string, unknown> {
  const url = `${scope.repoUrl}/commits/${commit.sha}`;
  const html = `${scope.repoHtml}/commit/${commit.sha}`;
  const tree = stableSha(`${scope.repo.id}/tree/${commit.sha}`);
  const linked = (login: string | null) => {
    if (login === null) return null;
    const user = scope.world.userByLogin(login);
    return user === undefined ? null : embedUser(scope, user);
  };
  return {
    sha: commit.sha,
    node_id: commitNodeId(scope.repo.id, commit.sha),
    commit: {
      author: { name: commit.author.name, email: commit.author.email, date: utc(commit.author.date) },
      committer: {
        name: commit.committer.name,
        email: commit.committer.email,
        date: utc(commit.committer.date),
      },
      message: commit.message,
      tree: { sha: tree, url: `${scope.repoUrl}/git/trees/${tree}` },
      url: `${scope.repoUrl}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    url,
    html_url: html,
    comments_url: `${url}/comments`,
    author: linked(commit.authorLogin),
    committer: linked(commit.committerLogin),
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${scope.repoUrl}/commits/${sha}`,
      html_url: `${scope.repoHtml}/commit/${sha}`,
    })),
  };
}

/** GET /repos/{o}/{r}/commits/{ref} adds stats (files are not modelled: an empty list). */
export function renderCommitFull(scope: RepoScope, commit: SimCommit): Record<string, unknown> {
  return {
    ...renderCommit(scope, commit),
    stats: {
      total: commit.additions + commit.deletions,
      additions: commit.additions,
      deletions: commit.deletions,
    },
    files: [],
  };
}
