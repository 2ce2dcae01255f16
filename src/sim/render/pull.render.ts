import type { SimIssue, SimPullRequestPart } from '../world.js';
import { legacyNodeId } from './node-id.js';
import { utc } from './render-context.js';
import { renderLabel } from './issue.render.js';
import { associationOf, embedCached, embedUser, stableSha, userFor, type RepoScope } from './repo-scope.js';
import { renderRepoSummary } from './repo.render.js';

type PullIssue = SimIssue & { pullRequest: SimPullRequestPart };

export function isPull(issue: SimIssue): issue is PullIssue {
  return issue.pullRequest !== null;
}

/** A pull request as GET /repos/{o}/{r}/pulls lists it. */
export function renderPull(scope: RepoScope, issue: PullIssue): Record<string, unknown> {
  const url = `${scope.repoUrl}/pulls/${issue.number}`;
  const html = `${scope.repoHtml}/pull/${issue.number}`;
  const issueUrl = `${scope.repoUrl}/issues/${issue.number}`;
  const pr = issue.pullRequest;
  const headSha = stableSha(`${scope.repo.id}/pull/${issue.number}/head`);
  const assignees = issue.assigneeLogins.map((login) => embedUser(scope, userFor(scope, login)));
  const owner = scope.world.ownerOf(scope.repo);
  const repoSummary = embedCached(scope, 'repo-summary', () =>
    renderRepoSummary(scope.ctx, scope.repo, { owner, openIssuesCount: scope.repoIndex.openIssuesCount }),
  );
  const ownerUser = embedUser(scope, owner);
  const branch = (ref: string, sha: string) => ({
    label: `${scope.repo.owner}:${ref}`,
    ref,
    sha,
    user: ownerUser,
    repo: repoSummary,
  });
  return {
    url,
    id: issue.id,
    node_id: legacyNodeId('PullRequest', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: embedUser(scope, userFor(scope, issue.userLogin)),
    body: issue.body,
    created_at: utc(issue.createdAt),
    updated_at: utc(issue.updatedAt),
    closed_at: utc(issue.closedAt),
    merged_at: utc(pr.mergedAt),
    merge_commit_sha: pr.merged ? stableSha(`${scope.repo.id}/pull/${issue.number}/merge`) : null,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: [],
    requested_teams: [],
    labels: issue.labels.map((name) => renderLabel(scope, name)),
    milestone: null,
    draft: pr.draft,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${scope.repoUrl}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${scope.repoUrl}/statuses/${headSha}`,
    head: branch(pr.headRef, headSha),
    base: branch(pr.baseRef, scope.repo.commits[0]?.sha ?? stableSha(`${scope.repo.id}/base`)),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${scope.repoUrl}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${scope.repoUrl}/statuses/${headSha}` },
    },
    author_association: associationOf(scope, issue.userLogin),
    auto_merge: null,
    active_lock_reason: null,
  };
}

/** GET /repos/{o}/{r}/pulls/{n} adds merge state and counts. */
export function renderPullFull(scope: RepoScope, issue: PullIssue): Record<string, unknown> {
  const pr = issue.pullRequest;
  return {
    ...renderPull(scope, issue),
    merged: pr.merged,
    mergeable: issue.state === 'open' ? true : null,
    rebaseable: issue.state === 'open' ? true : null,
    mergeable_state: issue.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.mergedByLogin === null ? null : embedUser(scope, userFor(scope, pr.mergedByLogin)),
    comments: scope.repoIndex.commentCount(issue.number),
    review_comments: scope.repoIndex.reviewCommentCountByPull.get(issue.number) ?? 0,
    maintainer_can_modify: false,
    commits: Math.max(1, Math.ceil(pr.changedFiles / 3)),
    additions: pr.additions,
    deletions: pr.deletions,
    changed_files: pr.changedFiles,
  };
}
