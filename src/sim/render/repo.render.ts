import type { SimRepo, SimUser } from '../world.js';
import { legacyNodeId } from './node-id.js';
import type { RenderContext } from './render-context.js';
import { utc } from './render-context.js';
import { renderSimpleUser } from './user.render.js';

export interface RepoFacts {
  owner: SimUser;
  openIssuesCount: number;
}

/**
 * The repository object of list endpoints (`/orgs/{org}/repos`, pull `head.repo`): GitHub's key
 * set and order, from the octokit `get-repository` recording.
 */
export function renderRepoSummary(
  ctx: RenderContext,
  repo: SimRepo,
  facts: RepoFacts,
): Record<string, unknown> {
  const fullName = `${repo.owner}/${repo.name}`;
  const url = `${ctx.api}/repos/${fullName}`;
  const html = `${ctx.web}/${fullName}`;
  const host = new URL(ctx.web).host;
  return {
    id: repo.id,
    node_id: legacyNodeId('Repository', repo.id),
    name: repo.name,
    full_name: fullName,
    private: repo.visibility !== 'public',
    owner: renderSimpleUser(ctx, facts.owner),
    html_url: html,
    description: repo.description,
    fork: repo.fork,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: utc(repo.createdAt),
    updated_at: utc(repo.updatedAt),
    pushed_at: utc(repo.pushedAt),
    git_url: `git://${host}/${fullName}.git`,
    ssh_url: `git@${host}:${fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: repo.homepage,
    size: repo.commits.length,
    stargazers_count: repo.stargazersCount,
    // GitHub's `watchers_count` is the legacy name of the star count; real watchers are `subscribers_count`.
    watchers_count: repo.stargazersCount,
    language: repo.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forksCount,
    mirror_url: null,
    archived: repo.archived,
    disabled: repo.disabled,
    open_issues_count: facts.openIssuesCount,
    license: repo.license === null ? null : renderLicense(ctx, repo.license),
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repo.topics,
    visibility: repo.visibility,
    forks: repo.forksCount,
    open_issues: facts.openIssuesCount,
    watchers: repo.stargazersCount,
    default_branch: repo.defaultBranch,
    permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
  };
}

/** GET /repos/{owner}/{repo} and /repositories/{id}: the full repository object. */
export function renderRepoFull(ctx: RenderContext, repo: SimRepo, facts: RepoFacts): Record<string, unknown> {
  const full: Record<string, unknown> = {
    ...renderRepoSummary(ctx, repo, facts),
    temp_clone_token: '',
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
  };
  if (facts.owner.type === 'Organization') full['organization'] = renderSimpleUser(ctx, facts.owner);
  full['network_count'] = repo.forksCount;
  full['subscribers_count'] = repo.watchersCount;
  return full;
}

function renderLicense(
  ctx: RenderContext,
  license: NonNullable<SimRepo['license']>,
): Record<string, unknown> {
  return {
    key: license.key,
    name: license.name,
    spdx_id: license.spdxId,
    url: license.key === 'other' ? null : `${ctx.api}/licenses/${license.key}`,
    node_id: legacyNodeId('License', license.key),
  };
}
