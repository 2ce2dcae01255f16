import type { SimIssueComment, SimReview, SimReviewComment } from '../world.js';
import { legacyNodeId } from './node-id.js';
import { utc } from './render-context.js';
import { jsonMember, jsonPart, jsonValue } from './json-text.js';
import {
  associationOf,
  embeddedUserJson,
  embedUser,
  emptyReactions,
  REACTION_COUNTS,
  stableSha,
  userFor,
  type RepoScope,
} from './repo-scope.js';

/** An issue comment (per issue and repository-wide lists). */
export function renderIssueComment(scope: RepoScope, comment: SimIssueComment): Record<string, unknown> {
  const url = `${scope.repoUrl}/issues/comments/${comment.id}`;
  const issue = scope.repoIndex.issuesByNumber.get(comment.issueNumber);
  const kind = issue?.pullRequest ? 'pull' : 'issues';
  return {
    url,
    html_url: `${scope.repoHtml}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${scope.repoUrl}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: legacyNodeId('IssueComment', comment.id),
    user: embedUser(scope, userFor(scope, comment.userLogin)),
    created_at: utc(comment.createdAt),
    updated_at: utc(comment.updatedAt),
    author_association: associationOf(scope, comment.userLogin),
    body: comment.body,
    reactions: emptyReactions(`${url}/reactions`),
    performed_via_github_app: null,
  };
}

/** `JSON.stringify(renderIssueComment(scope, comment))`, written directly (list pages). */
export function issueCommentJson(scope: RepoScope, comment: SimIssueComment): string {
  // URLs are written as JSON string content from pre-escaped bases: most of an item is URLs, and
  // JSON.stringify per URL was most of its cost.
  const id = jsonPart(comment.id);
  const number = jsonPart(comment.issueNumber);
  const url = `${scope.repoUrlText}/issues/comments/${id}`;
  const issue = scope.repoIndex.issuesByNumber.get(comment.issueNumber);
  const kind = issue?.pullRequest ? 'pull' : 'issues';
  return (
    `{"url":"${url}"` +
    `,"html_url":"${scope.repoHtmlText}/${kind}/${number}#issuecomment-${id}"` +
    `,"issue_url":"${scope.repoUrlText}/issues/${number}"` +
    jsonMember(',"id":', comment.id) +
    `,"node_id":${jsonValue(legacyNodeId('IssueComment', comment.id))}` +
    `,"user":${embeddedUserJson(scope, userFor(scope, comment.userLogin))}` +
    `,"created_at":${jsonValue(utc(comment.createdAt))}` +
    `,"updated_at":${jsonValue(utc(comment.updatedAt))}` +
    `,"author_association":${jsonValue(associationOf(scope, comment.userLogin))}` +
    jsonMember(',"body":', comment.body) +
    `,"reactions":{"url":"${url}/reactions"${REACTION_COUNTS}` +
    ',"performed_via_github_app":null}'
  );
}

/** A pull request review (GET /repos/{o}/{r}/pulls/{n}/reviews). */
export function renderReview(scope: RepoScope, review: SimReview): Record<string, unknown> {
  const html = `${scope.repoHtml}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  const pullUrl = `${scope.repoUrl}/pulls/${review.pullNumber}`;
  return {
    id: review.id,
    node_id: legacyNodeId('PullRequestReview', review.id),
    user: embedUser(scope, userFor(scope, review.userLogin)),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: associationOf(scope, review.userLogin),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: utc(review.submittedAt),
    commit_id: review.commitId,
  };
}

/** `JSON.stringify(renderReviewComment(scope, comment))`, written directly (list pages). */
export function reviewCommentJson(scope: RepoScope, comment: SimReviewComment): string {
  const id = jsonPart(comment.id);
  const number = jsonPart(comment.pullNumber);
  const url = `"${scope.repoUrlText}/pulls/comments/${id}"`;
  const html = `"${scope.repoHtmlText}/pull/${number}#discussion_r${id}"`;
  const pullUrl = `"${scope.repoUrlText}/pulls/${number}"`;
  const commitId = jsonValue(stableSha(`${scope.repo.id}/review-comment/${comment.id}`));
  return (
    `{"url":${url}` +
    jsonMember(',"pull_request_review_id":', comment.reviewId) +
    jsonMember(',"id":', comment.id) +
    `,"node_id":${jsonValue(legacyNodeId('PullRequestReviewComment', comment.id))}` +
    ',"diff_hunk":"@@ -1,3 +1,4 @@"' +
    jsonMember(',"path":', comment.path) +
    `,"commit_id":${commitId},"original_commit_id":${commitId}` +
    `,"user":${embeddedUserJson(scope, userFor(scope, comment.userLogin))}` +
    jsonMember(',"body":', comment.body) +
    `,"created_at":${jsonValue(utc(comment.createdAt))}` +
    `,"updated_at":${jsonValue(utc(comment.updatedAt))}` +
    `,"html_url":${html},"pull_request_url":${pullUrl}` +
    `,"author_association":${jsonValue(associationOf(scope, comment.userLogin))}` +
    `,"_links":{"self":{"href":${url}},"html":{"href":${html}},"pull_request":{"href":${pullUrl}}}` +
    `,"reactions":{"url":${url.slice(0, -1)}/reactions"${REACTION_COUNTS}` +
    ',"start_line":null,"original_start_line":null,"start_side":null,"line":2,"original_line":2' +
    ',"side":"RIGHT","original_position":2,"position":2,"subject_type":"line"}'
  );
}

/** A review comment on a diff line (GET /repos/{o}/{r}/pulls/comments). */
export function renderReviewComment(scope: RepoScope, comment: SimReviewComment): Record<string, unknown> {
  const url = `${scope.repoUrl}/pulls/comments/${comment.id}`;
  const html = `${scope.repoHtml}/pull/${comment.pullNumber}#discussion_r${comment.id}`;
  const pullUrl = `${scope.repoUrl}/pulls/${comment.pullNumber}`;
  const commitId = stableSha(`${scope.repo.id}/review-comment/${comment.id}`);
  return {
    url,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: legacyNodeId('PullRequestReviewComment', comment.id),
    diff_hunk: '@@ -1,3 +1,4 @@',
    path: comment.path,
    commit_id: commitId,
    original_commit_id: commitId,
    user: embedUser(scope, userFor(scope, comment.userLogin)),
    body: comment.body,
    created_at: utc(comment.createdAt),
    updated_at: utc(comment.updatedAt),
    html_url: html,
    pull_request_url: pullUrl,
    author_association: associationOf(scope, comment.userLogin),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    reactions: emptyReactions(`${url}/reactions`),
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: 2,
    original_line: 2,
    side: 'RIGHT',
    original_position: 2,
    position: 2,
    subject_type: 'line',
  };
}
