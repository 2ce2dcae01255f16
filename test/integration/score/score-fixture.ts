import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import { upsertCommits } from '../../../src/store/commit.store.js';
import {
  upsertIssueComments,
  upsertReviewComments,
  upsertReviews,
} from '../../../src/store/discussion.store.js';
import { upsertIssues } from '../../../src/store/issue.store.js';
import { upsertReleases } from '../../../src/store/release.store.js';
import { registerRepositories, updateRepositoryMetadata } from '../../../src/store/repository.store.js';
import { upsertUserRefs, upsertUsers } from '../../../src/store/user.store.js';
import {
  makeCommit,
  makeIssue,
  makeIssueComment,
  makeRelease,
  makeReview,
  makeReviewComment,
  makeUserProfile,
} from '../../support/store-records.js';

/*
 * A small hand-made repository whose ScoreInput is written out by hand in the tests:
 * - alice (id 1, company "@Acme"), bob (id 2, no company), dependabot[bot] (id 3, a Bot),
 *   carol (id 4, now "Carol"; older rows still say "carol-old");
 * - commits by alice, by bob via a noreply address only, by an unlinked company address, by the
 *   bot, by nobody (ghost), by carol under her old login, and by a gmail address.
 */

export const H = 3_600_000;
export const DAY = 24 * H;
export const T0 = Date.UTC(2024, 1, 1); // 2024-02-01T00:00Z
export const REPO_CREATED = Date.UTC(2023, 0, 1);
const d = (ms: number) => new Date(ms);

export async function loadScoreFixture(db: Kysely<Database>, fullName = 'acme/widgets'): Promise<number> {
  const { added } = await registerRepositories(db, [parseRepoName(fullName)]);
  const id = added[0]!.id;
  const [owner, name] = fullName.split('/') as [string, string];
  await updateRepositoryMetadata(db, id, {
    githubId: 4242 + id,
    owner,
    name,
    description: null,
    homepage: null,
    defaultBranch: 'main',
    language: 'TypeScript',
    licenseSpdx: 'MIT',
    topics: [],
    fork: false,
    archived: false,
    stargazersCount: 1,
    forksCount: 0,
    watchersCount: 1,
    openIssuesCount: 3,
    createdAt: d(REPO_CREATED),
    pushedAt: d(T0),
    updatedAtGithub: d(T0),
    observedAt: d(T0 + 30 * DAY),
  });
  await upsertUsers(db, [
    makeUserProfile(0, { id: 1, login: 'alice', company: ' @Acme ' }),
    makeUserProfile(0, { id: 2, login: 'bob', company: null }),
    makeUserProfile(0, { id: 4, login: 'Carol', company: '' }),
  ]);
  await upsertUserRefs(db, [{ id: 3, login: 'dependabot[bot]', type: 'Bot' }]);

  const person = (login: string | null, userId: number | null, email: string | null) => ({
    authorLogin: login,
    authorUserId: userId,
    authorEmail: email,
  });
  await upsertCommits(db, id, [
    makeCommit(1, { ...person('alice', 1, 'alice@acme.com'), authoredAt: d(T0 - 10 * DAY) }),
    makeCommit(2, { ...person(null, null, '5+Bob@users.noreply.github.com'), authoredAt: d(T0 - 9 * DAY) }),
    makeCommit(3, { ...person(null, null, 'Dan@Mail.Initech.com'), authoredAt: d(T0 - 8 * DAY) }),
    makeCommit(4, { ...person('dependabot[bot]', 3, 'bot@example.com'), authoredAt: d(T0 - 7 * DAY) }),
    makeCommit(5, { ...person(null, null, null), authoredAt: d(T0 - 6 * DAY) }),
    makeCommit(6, { ...person('carol-old', 4, 'carol@home.example'), authoredAt: d(T0 - 5 * DAY) }),
    makeCommit(7, { ...person(null, null, 'eve@gmail.com'), authoredAt: d(T0 - 4 * DAY) }),
    makeCommit(8, { ...person('alice', 1, 'alice@gmail.com'), authoredAt: d(T0 - 3 * DAY) }),
  ]);

  const author = (login: string | null, userId: number | null) => ({
    authorLogin: login,
    authorUserId: userId,
  });
  const issue = (n: number, pr: boolean, login: string | null, userId: number | null, createdAt: number) =>
    makeIssue(n, {
      isPullRequest: pr,
      ...author(login, userId),
      createdAt: d(createdAt),
      updatedAt: d(createdAt + DAY),
      closedAt: null,
      state: 'open',
    });
  await upsertIssues(db, id, [
    issue(1, false, 'alice', 1, T0),
    issue(2, true, 'bob', 2, T0 + DAY),
    issue(3, false, null, null, T0 + 2 * DAY),
    issue(4, false, 'carol-old', 4, T0 + 3 * DAY),
    { ...issue(5, false, 'bob', 2, T0 + 4 * DAY), state: 'closed', closedAt: d(T0 + 6 * DAY) },
    {
      ...issue(6, true, 'alice', 1, T0 + 5 * DAY),
      state: 'closed',
      closedAt: d(T0 + 7 * DAY),
      mergedAt: d(T0 + 7 * DAY),
    },
    issue(7, false, 'dependabot[bot]', 3, T0 + 6 * DAY),
  ]);
  const comment = (i: number, issueNumber: number, login: string | null, userId: number | null, at: number) =>
    makeIssueComment(i, { issueNumber, ...author(login, userId), createdAt: d(at), updatedAt: d(at) });
  await upsertIssueComments(db, id, [
    // #1: the author's own comment and a bot's do not count; bob answers after 5 h.
    comment(1, 1, 'alice', 1, T0 + 1 * H),
    comment(2, 1, 'dependabot[bot]', 3, T0 + 2 * H),
    comment(3, 1, 'bob', 2, T0 + 5 * H),
    comment(4, 1, 'bob', 2, T0 + 10 * H),
    // #3 (ghost author): another ghost is the same "person"; alice answers after a day.
    comment(5, 3, null, null, T0 + 2 * DAY + H),
    comment(6, 3, 'alice', 1, T0 + 3 * DAY),
    // #4: carol under her new login is still carol.
    comment(7, 4, 'Carol', 4, T0 + 3 * DAY + H),
    // #5: stamped an hour before the issue (import clock skew) → counts from creation.
    comment(8, 5, 'alice', 1, T0 + 4 * DAY - H),
  ]);
  await upsertReviewComments(db, id, [
    // #2: a line comment by carol (old login on the row) 2 h after the PR.
    makeReviewComment(1, {
      pullNumber: 2,
      ...author('carol-old', 4),
      createdAt: d(T0 + DAY + 2 * H),
      updatedAt: d(T0 + DAY + 2 * H),
    }),
  ]);
  await upsertReviews(db, id, [
    makeReview(1, { pullNumber: 2, ...author('alice', 1), submittedAt: d(T0 + DAY + 3 * H) }),
    // #6: only a pending review (no submission time) → unanswered.
    makeReview(2, { pullNumber: 6, ...author('bob', 2), state: 'PENDING', submittedAt: null }),
  ]);
  await upsertReleases(db, id, [
    makeRelease(1, { createdAt: d(T0 - DAY), publishedAt: d(T0) }),
    makeRelease(2, { draft: true, createdAt: d(T0), publishedAt: null }),
  ]);
  return id;
}
