import type { SimIssue } from '../world.js';
import { legacyNodeId } from './node-id.js';
import { utc } from './render-context.js';
import { jsonMember, jsonPart, jsonValue } from './json-text.js';
import {
  associationOf,
  embeddedUserJson,
  embedUser,
  emptyReactions,
  REACTION_COUNTS,
  stableNumber,
  userFor,
  type RepoScope,
} from './repo-scope.js';

/** An issue as GET /repos/{o}/{r}/issues lists it (key set from the `paginate-issues` recording). */
export function renderIssue(scope: RepoScope, issue: SimIssue): Record<string, unknown> {
  const url = `${scope.repoUrl}/issues/${issue.number}`;
  const isPull = issue.pullRequest !== null;
  const html = `${scope.repoHtml}/${isPull ? 'pull' : 'issues'}/${issue.number}`;
  const assignees = issue.assigneeLogins.map((login) => embedUser(scope, userFor(scope, login)));
  const rendered: Record<string, unknown> = {
    url,
    repository_url: scope.repoUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: legacyNodeId(isPull ? 'PullRequest' : 'Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: embedUser(scope, userFor(scope, issue.userLogin)),
    labels: issue.labels.map((name) => renderLabel(scope, name)),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: scope.repoIndex.commentCount(issue.number),
    created_at: utc(issue.createdAt),
    updated_at: utc(issue.updatedAt),
    closed_at: utc(issue.closedAt),
    author_association: associationOf(scope, issue.userLogin),
    active_lock_reason: null,
  };
  if (issue.pullRequest !== null) {
    rendered['draft'] = issue.pullRequest.draft;
    rendered['pull_request'] = {
      url: `${scope.repoUrl}/pulls/${issue.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: utc(issue.pullRequest.mergedAt),
    };
  }
  rendered['body'] = issue.body;
  rendered['reactions'] = emptyReactions(`${url}/reactions`);
  rendered['timeline_url'] = `${url}/timeline`;
  rendered['performed_via_github_app'] = null;
  rendered['state_reason'] = issue.stateReason;
  return rendered;
}

/** `JSON.stringify(renderIssue(scope, issue))`, written directly (list pages). */
export function issueJson(scope: RepoScope, issue: SimIssue): string {
  // URLs are written as JSON string content from pre-escaped bases (see issueCommentJson).
  const number = jsonPart(issue.number);
  const url = `${scope.repoUrlText}/issues/${number}`;
  const isPull = issue.pullRequest !== null;
  const html = `${scope.repoHtmlText}/${isPull ? 'pull' : 'issues'}/${number}`;
  // Built as text, not arrays: empty and filled arrays have different V8 maps, and the optimised
  // code of this (big) function kept being thrown away and recompiled when they alternated.
  let assignee = 'null';
  let assignees = '';
  for (const login of issue.assigneeLogins) {
    const user = embeddedUserJson(scope, userFor(scope, login));
    if (assignees === '') assignee = assignees = user;
    else assignees += `,${user}`;
  }
  let labels = '';
  for (const name of issue.labels) labels += `${labels === '' ? '' : ','}${labelJson(scope, name)}`;
  let json =
    `{"url":"${url}"` +
    `,"repository_url":"${scope.repoUrlText}"` +
    `,"labels_url":"${url}/labels{/name}"` +
    `,"comments_url":"${url}/comments"` +
    `,"events_url":"${url}/events"` +
    `,"html_url":"${html}"` +
    jsonMember(',"id":', issue.id) +
    `,"node_id":${jsonValue(legacyNodeId(isPull ? 'PullRequest' : 'Issue', issue.id))}` +
    jsonMember(',"number":', issue.number) +
    jsonMember(',"title":', issue.title) +
    `,"user":${embeddedUserJson(scope, userFor(scope, issue.userLogin))}` +
    `,"labels":[${labels}]` +
    jsonMember(',"state":', issue.state) +
    jsonMember(',"locked":', issue.locked) +
    `,"assignee":${assignee}` +
    `,"assignees":[${assignees}]` +
    ',"milestone":null' +
    `,"comments":${jsonValue(scope.repoIndex.commentCount(issue.number))}` +
    `,"created_at":${jsonValue(utc(issue.createdAt))}` +
    `,"updated_at":${jsonValue(utc(issue.updatedAt))}` +
    `,"closed_at":${jsonValue(utc(issue.closedAt))}` +
    `,"author_association":${jsonValue(associationOf(scope, issue.userLogin))}` +
    ',"active_lock_reason":null';
  if (issue.pullRequest !== null) {
    json +=
      jsonMember(',"draft":', issue.pullRequest.draft) +
      `,"pull_request":{"url":"${scope.repoUrlText}/pulls/${number}"` +
      `,"html_url":"${html}"` +
      `,"diff_url":"${html}.diff"` +
      `,"patch_url":"${html}.patch"` +
      `,"merged_at":${jsonValue(utc(issue.pullRequest.mergedAt))}}`;
  }
  return (
    json +
    jsonMember(',"body":', issue.body) +
    `,"reactions":{"url":"${url}/reactions"${REACTION_COUNTS}` +
    `,"timeline_url":"${url}/timeline"` +
    ',"performed_via_github_app":null' +
    jsonMember(',"state_reason":', issue.stateReason) +
    '}'
  );
}

/** GET /repos/{o}/{r}/issues/{n} adds `closed_by`. */
export function renderIssueFull(scope: RepoScope, issue: SimIssue): Record<string, unknown> {
  return {
    ...renderIssue(scope, issue),
    closed_by: issue.closedByLogin === null ? null : embedUser(scope, userFor(scope, issue.closedByLogin)),
  };
}

/** A label's JSON, cached per repository and API base. */
function labelJson(scope: RepoScope, name: string): string {
  return scope.repoIndex.embeddedJson(`${scope.ctx.api}|label|${name}`, () =>
    JSON.stringify(renderLabel(scope, name)),
  );
}

export function renderLabel(scope: RepoScope, name: string): Record<string, unknown> {
  const id = stableNumber(`${scope.repo.id}/label/${name}`);
  return {
    id,
    node_id: legacyNodeId('Label', id),
    url: `${scope.repoUrl}/labels/${encodeURIComponent(name)}`,
    name,
    color: (id % 0xffffff).toString(16).padStart(6, '0'),
    default: ['bug', 'documentation', 'enhancement', 'question'].includes(name),
    description: null,
  };
}
