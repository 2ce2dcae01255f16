import { describe, expect, it } from '@jest/globals';
import {
  issueCommentJson,
  renderIssueComment,
  renderReviewComment,
  reviewCommentJson,
} from '../../../../src/sim/render/comment.render.js';
import { issueJson, renderIssue } from '../../../../src/sim/render/issue.render.js';
import { repoScope } from '../../../../src/sim/render/repo-scope.js';
import { WorldIndex } from '../../../../src/sim/world-index.js';
import type { World } from '../../../../src/sim/world.js';
import { generateWorld, loadSampleWorld } from '../../../../src/sim/worlds/index.js';

// List pages write item JSON directly; each direct renderer must give exactly what stringifying the
// object renderer gives (keys, order, escaping, nulls), for every item of a world.
const CTX = { api: 'http://127.0.0.1:4000/api/v3', web: 'http://127.0.0.1:4000' };

function checkWorld(world: World): number {
  const index = new WorldIndex(world);
  let checked = 0;
  for (const repo of world.repos) {
    const scope = repoScope(CTX, index, repo);
    for (const issue of repo.issues) {
      expect(issueJson(scope, issue)).toBe(JSON.stringify(renderIssue(scope, issue)));
    }
    for (const comment of repo.issueComments) {
      expect(issueCommentJson(scope, comment)).toBe(JSON.stringify(renderIssueComment(scope, comment)));
    }
    for (const comment of repo.reviewComments) {
      expect(reviewCommentJson(scope, comment)).toBe(JSON.stringify(renderReviewComment(scope, comment)));
    }
    checked += repo.issues.length + repo.issueComments.length + repo.reviewComments.length;
  }
  return checked;
}

describe('direct JSON renderers', () => {
  it('match the object renderers on a generated world (PRs, labels, assignees, deleted users)', () => {
    const world = generateWorld({
      seed: 11,
      repos: 2,
      commitsPerRepo: 200,
      issuesPerRepo: 400,
      commentsPerIssue: 3,
    });
    expect(checkWorld(world)).toBeGreaterThan(1_000);
  });

  it('match the object renderers on the sample world', () => {
    expect(checkWorld(loadSampleWorld())).toBeGreaterThan(100);
  });

  it('leave out fields a loaded world lacks and escape text, as JSON.stringify does', () => {
    const world = generateWorld({
      seed: 12,
      repos: 1,
      commitsPerRepo: 20,
      issuesPerRepo: 20,
      commentsPerIssue: 2,
    });
    const repo = world.repos[0]!;
    const issue = repo.issues.find((i) => i.pullRequest !== null)!;
    issue.title = 'quote " backslash \\ newline \n tab \t control \u0001 emoji 🚀 lone \ud800';
    delete (issue.pullRequest as { draft?: boolean }).draft;
    delete (issue as { stateReason?: unknown }).stateReason;
    const comment = repo.issueComments[0]!;
    comment.body = '</script> \u2028 \u2029';
    comment.userLogin = null;
    expect(checkWorld(world)).toBeGreaterThan(20);
  });
});
