import type { World } from '../../src/sim/world.js';
import { checkDate } from '../../src/sim/worlds/world-records.js';

export interface InvariantOptions {
  /** Issue numbers must run 1..n without gaps (true for generated worlds). */
  contiguousNumbers?: boolean;
  /** No timestamp may lie after this instant. */
  endIso?: string;
}

/**
 * Checks the rules every world must keep and returns the broken ones (empty when all hold), so a
 * failing test prints what is wrong rather than a bare `false`.
 */
export function checkWorldInvariants(world: World, options: InvariantOptions = {}): string[] {
  const problems: string[] = [];
  const note = (problem: string): void => {
    if (problems.length < 30) problems.push(problem);
  };
  const endMs = options.endIso ? Date.parse(options.endIso) : Infinity;
  const date = (where: string, value: string | null): void => {
    if (value === null) return;
    const problem = checkDate(value);
    if (problem) note(`${where}: ${problem}`);
    else if (Date.parse(value) > endMs) note(`${where}: ${value} is after ${options.endIso}`);
  };
  const logins = new Set<string>();
  const userIds = new Set<number>();
  for (const user of world.users) {
    if (userIds.has(user.id)) note(`duplicate user id ${user.id}`);
    if (logins.has(user.login.toLowerCase())) note(`duplicate login ${user.login}`);
    userIds.add(user.id);
    logins.add(user.login.toLowerCase());
  }
  const login = (where: string, value: string | null): void => {
    if (value !== null && !logins.has(value.toLowerCase())) note(`${where}: unknown login ${value}`);
  };
  const idsByType = new Map<string, Set<number>>();
  const uniqueId = (type: string, id: number): void => {
    const seen = idsByType.get(type) ?? new Set<number>();
    if (seen.has(id)) note(`duplicate ${type} id ${id}`);
    seen.add(id);
    idsByType.set(type, seen);
  };
  for (const repo of world.repos) {
    const name = `${repo.owner}/${repo.name}`;
    uniqueId('repo', repo.id);
    date(`${name} pushedAt`, repo.pushedAt);
    const shas = new Set(repo.commits.map((c) => c.sha));
    if (shas.size !== repo.commits.length) note(`${name}: duplicate commit shas`);
    const position = new Map(repo.commits.map((c, i) => [c.sha, i]));
    let roots = 0;
    repo.commits.forEach((commit, index) => {
      if (commit.parents.length === 0) roots++;
      for (const parent of commit.parents) {
        const at = position.get(parent);
        if (at === undefined) note(`${name} ${commit.sha}: parent ${parent} missing`);
        else if (at <= index) note(`${name} ${commit.sha}: parent listed before its child`);
      }
      date(`${name} ${commit.sha} author`, commit.author.date);
      date(`${name} ${commit.sha} committer`, commit.committer.date);
      if (Date.parse(commit.author.date) > Date.parse(commit.committer.date) + 86_400_000)
        note(`${name} ${commit.sha}: authored after committed`);
      login(`${name} commit author`, commit.authorLogin);
      login(`${name} commit committer`, commit.committerLogin);
    });
    if (repo.commits.length > 0 && roots < 1) note(`${name}: no root commit`);
    const numbers = repo.issues.map((i) => i.number);
    if (new Set(numbers).size !== numbers.length) note(`${name}: duplicate issue numbers`);
    if (options.contiguousNumbers && numbers.some((n, i) => n !== i + 1))
      note(`${name}: issue numbers are not 1..${numbers.length}`);
    const byNumber = new Map(repo.issues.map((i) => [i.number, i]));
    for (const issue of repo.issues) {
      const where = `${name}#${issue.number}`;
      uniqueId('issue', issue.id);
      login(`${where} author`, issue.userLogin);
      login(`${where} closedBy`, issue.closedByLogin);
      issue.assigneeLogins.forEach((a) => login(`${where} assignee`, a));
      date(`${where} createdAt`, issue.createdAt);
      date(`${where} updatedAt`, issue.updatedAt);
      date(`${where} closedAt`, issue.closedAt);
      if (issue.updatedAt < issue.createdAt) note(`${where}: updated before created`);
      if ((issue.state === 'closed') !== (issue.closedAt !== null))
        note(`${where}: state ${issue.state} with closedAt ${issue.closedAt}`);
      if (issue.pullRequest?.merged && !issue.pullRequest.mergedAt) note(`${where}: merged without mergedAt`);
      if (issue.pullRequest) login(`${where} mergedBy`, issue.pullRequest.mergedByLogin);
    }
    for (const comment of repo.issueComments) {
      uniqueId('issueComment', comment.id);
      login(`${name} comment ${comment.id}`, comment.userLogin);
      date(`${name} comment ${comment.id}`, comment.createdAt);
      const issue = byNumber.get(comment.issueNumber);
      if (!issue) note(`${name} comment ${comment.id}: no issue #${comment.issueNumber}`);
      else if (comment.createdAt < issue.createdAt || comment.createdAt > issue.updatedAt)
        note(`${name} comment ${comment.id}: outside its issue's lifetime`);
    }
    const reviewIds = new Set(repo.reviews.map((r) => r.id));
    for (const review of repo.reviews) {
      uniqueId('review', review.id);
      login(`${name} review ${review.id}`, review.userLogin);
      date(`${name} review ${review.id}`, review.submittedAt);
      if (!byNumber.get(review.pullNumber)?.pullRequest)
        note(`${name} review ${review.id}: #${review.pullNumber} is not a pull request`);
    }
    for (const comment of repo.reviewComments) {
      uniqueId('reviewComment', comment.id);
      login(`${name} review comment ${comment.id}`, comment.userLogin);
      if (comment.reviewId !== null && !reviewIds.has(comment.reviewId))
        note(`${name} review comment ${comment.id}: no review ${comment.reviewId}`);
      if (!byNumber.get(comment.pullNumber)?.pullRequest)
        note(`${name} review comment ${comment.id}: #${comment.pullNumber} is not a pull request`);
    }
    for (const release of repo.releases) {
      uniqueId('release', release.id);
      login(`${name} release ${release.tagName}`, release.authorLogin);
      date(`${name} release ${release.tagName}`, release.publishedAt);
    }
  }
  return problems;
}
