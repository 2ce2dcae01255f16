import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import { findFirstResponseAt, type ResponseCandidate, type ScoreInput } from '../../../src/score/index.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import {
  upsertIssueComments,
  upsertReviewComments,
  upsertReviews,
  type IssueCommentRecord,
  type ReviewCommentRecord,
  type ReviewRecord,
} from '../../../src/store/discussion.store.js';
import { upsertIssues } from '../../../src/store/issue.store.js';
import { registerRepositories } from '../../../src/store/repository.store.js';
import { upsertUsers } from '../../../src/store/user.store.js';
import { makeIssue, makeUserProfile } from '../../support/store-records.js';
import { loadScoreInput } from '../../../src/store/score-input.store.js';
import {
  createTestPglite,
  createTestPostgres,
  type TestPglite,
  type TestPostgres,
} from '../../support/db.js';
import { DAY, H, REPO_CREATED, T0, loadScoreFixture } from './score-fixture.js';

const d = (ms: number) => new Date(ms);

jest.setTimeout(120_000);

const byTime = <T>(rows: readonly T[], at: (row: T) => number, key: (row: T) => string) =>
  [...rows].sort((a, b) => at(a) - at(b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** The input written out by hand from score-fixture.ts. */
const EXPECTED: ScoreInput = {
  repository: { createdAt: REPO_CREATED, archived: false, archivedAt: null },
  commits: [
    { authoredAt: T0 - 10 * DAY, authorKey: 'alice', isBot: false },
    { authoredAt: T0 - 9 * DAY, authorKey: 'bob', isBot: false },
    { authoredAt: T0 - 8 * DAY, authorKey: 'email:dan@mail.initech.com', isBot: false },
    { authoredAt: T0 - 7 * DAY, authorKey: 'dependabot[bot]', isBot: true },
    { authoredAt: T0 - 6 * DAY, authorKey: 'ghost', isBot: false },
    { authoredAt: T0 - 5 * DAY, authorKey: 'carol', isBot: false },
    { authoredAt: T0 - 4 * DAY, authorKey: 'email:eve@gmail.com', isBot: false },
    { authoredAt: T0 - 3 * DAY, authorKey: 'alice', isBot: false },
  ],
  issues: [
    {
      number: 1,
      isPullRequest: false,
      authorKey: 'alice',
      isBot: false,
      createdAt: T0,
      closedAt: null,
      mergedAt: null,
      firstResponseAt: T0 + 5 * H,
    },
    {
      number: 2,
      isPullRequest: true,
      authorKey: 'bob',
      isBot: false,
      createdAt: T0 + DAY,
      closedAt: null,
      mergedAt: null,
      firstResponseAt: T0 + DAY + 2 * H,
    },
    {
      number: 3,
      isPullRequest: false,
      authorKey: 'ghost',
      isBot: false,
      createdAt: T0 + 2 * DAY,
      closedAt: null,
      mergedAt: null,
      firstResponseAt: T0 + 3 * DAY,
    },
    {
      number: 4,
      isPullRequest: false,
      authorKey: 'carol',
      isBot: false,
      createdAt: T0 + 3 * DAY,
      closedAt: null,
      mergedAt: null,
      firstResponseAt: null,
    },
    {
      number: 5,
      isPullRequest: false,
      authorKey: 'bob',
      isBot: false,
      createdAt: T0 + 4 * DAY,
      closedAt: T0 + 6 * DAY,
      mergedAt: null,
      firstResponseAt: T0 + 4 * DAY,
    },
    {
      number: 6,
      isPullRequest: true,
      authorKey: 'alice',
      isBot: false,
      createdAt: T0 + 5 * DAY,
      closedAt: T0 + 7 * DAY,
      mergedAt: T0 + 7 * DAY,
      firstResponseAt: null,
    },
    {
      number: 7,
      isPullRequest: false,
      authorKey: 'dependabot[bot]',
      isBot: true,
      createdAt: T0 + 6 * DAY,
      closedAt: null,
      mergedAt: null,
      firstResponseAt: null,
    },
  ],
  comments: [
    { createdAt: T0 + 1 * H, authorKey: 'alice', isBot: false },
    { createdAt: T0 + 2 * H, authorKey: 'dependabot[bot]', isBot: true },
    { createdAt: T0 + 5 * H, authorKey: 'bob', isBot: false },
    { createdAt: T0 + 10 * H, authorKey: 'bob', isBot: false },
    { createdAt: T0 + DAY + 2 * H, authorKey: 'carol', isBot: false },
    { createdAt: T0 + 2 * DAY + H, authorKey: 'ghost', isBot: false },
    { createdAt: T0 + 3 * DAY, authorKey: 'alice', isBot: false },
    { createdAt: T0 + 3 * DAY + H, authorKey: 'carol', isBot: false },
    { createdAt: T0 + 4 * DAY - H, authorKey: 'alice', isBot: false },
  ],
  reviews: [{ submittedAt: T0 + DAY + 3 * H, authorKey: 'alice', isBot: false }],
  releases: [{ publishedAt: T0 }],
  affiliations: [
    { authorKey: 'alice', organisation: 'Acme' },
    { authorKey: 'bob', organisation: null },
    { authorKey: 'carol', organisation: 'home' },
    { authorKey: 'email:dan@mail.initech.com', organisation: 'initech' },
    { authorKey: 'email:eve@gmail.com', organisation: null },
    { authorKey: 'ghost', organisation: null },
  ],
  geography: null,
};

function canonical(input: ScoreInput): ScoreInput {
  return {
    ...input,
    commits: byTime(
      input.commits,
      (c) => c.authoredAt,
      (c) => c.authorKey,
    ),
    comments: byTime(
      input.comments,
      (c) => c.createdAt,
      (c) => c.authorKey,
    ),
    reviews: byTime(
      input.reviews,
      (r) => r.submittedAt,
      (r) => r.authorKey,
    ),
  };
}

describe('loadScoreInput', () => {
  let postgres: TestPostgres;
  let pglite: TestPglite;
  const ids = new Map<Kysely<Database>, number>();

  beforeAll(async () => {
    [postgres, pglite] = await Promise.all([createTestPostgres(), createTestPglite()]);
    ids.set(postgres.db, await loadScoreFixture(postgres.db));
    ids.set(pglite.db, await loadScoreFixture(pglite.db));
  });
  afterAll(async () => {
    await postgres?.drop();
    await pglite?.close();
  });

  it('gives the hand-computed input on PostgreSQL: identities, bots, ghosts, first responses, affiliations', async () => {
    const input = await loadScoreInput(postgres.db, ids.get(postgres.db)!);
    expect(canonical(input)).toEqual(EXPECTED);
  });

  it('gives the same input on PGlite', async () => {
    const input = await loadScoreInput(pglite.db, ids.get(pglite.db)!);
    expect(canonical(input)).toEqual(EXPECTED);
  });

  it('is the same on every load (ordered output)', async () => {
    const id = ids.get(postgres.db)!;
    expect(JSON.stringify(await loadScoreInput(postgres.db, id))).toBe(
      JSON.stringify(await loadScoreInput(postgres.db, id)),
    );
  });

  it('refuses an unknown repository id', async () => {
    await expect(loadScoreInput(postgres.db, 987_654)).rejects.toMatchObject({ code: 'REPO_NOT_REGISTERED' });
  });
});

describe('first response in SQL follows findFirstResponseAt', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await createTestPostgres();
  });
  afterAll(() => postgres?.drop());

  it('on 40 random items with bots, ghosts, renamed logins, self-replies, skewed clocks and pending reviews', async () => {
    let state = 7;
    const rand = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
    // id → current login; rows may carry an older login for the same id.
    const accounts = [
      { id: 11, login: 'Ann', rowLogin: 'ann', bot: false },
      { id: 12, login: 'ben', rowLogin: 'ben', bot: false },
      { id: 13, login: 'cat', rowLogin: 'old-cat', bot: false },
      { id: 14, login: 'ci-helper', rowLogin: 'ci-helper', bot: true },
      { id: 15, login: 'renovate[bot]', rowLogin: 'renovate[bot]', bot: false },
      { id: null, login: null, rowLogin: null, bot: false }, // ghost
    ];
    const { added } = await registerRepositories(postgres.db, [parseRepoName('rand/items')]);
    const id = added[0]!.id;
    await upsertUsers(
      postgres.db,
      accounts
        .filter((a) => a.id !== null)
        .map((a) =>
          makeUserProfile(0, { id: a.id!, login: a.login!, isBot: a.bot, type: a.bot ? 'Bot' : 'User' }),
        ),
    );
    const keyOf = (a: (typeof accounts)[number]) => (a.login ?? 'ghost').toLowerCase();
    const botOf = (a: (typeof accounts)[number]) => a.bot || keyOf(a).endsWith('[bot]');
    const items = Array.from({ length: 40 }, (_, n) => ({
      number: n + 1,
      author: pick(accounts),
      createdAt: T0 + Math.floor(rand() * 30) * DAY,
      candidates: [] as ResponseCandidate[],
    }));
    const comments: IssueCommentRecord[] = [];
    const reviews: ReviewRecord[] = [];
    const lineComments: ReviewCommentRecord[] = [];
    for (let i = 0; i < 160; i += 1) {
      const item = pick(items);
      const who = pick(accounts);
      const at = item.createdAt + Math.floor((rand() - 0.1) * 5 * DAY);
      const kind = pick(['comment', 'review', 'line', 'pending'] as const);
      const base = {
        authorLogin: who.rowLogin,
        authorUserId: who.id,
        authorAssociation: null,
        bodyLength: 1,
      };
      if (kind === 'comment')
        comments.push({ ...base, githubId: i, issueNumber: item.number, createdAt: d(at), updatedAt: d(at) });
      else if (kind === 'line')
        lineComments.push({
          ...base,
          githubId: i,
          pullNumber: item.number,
          reviewGithubId: null,
          inReplyToGithubId: null,
          createdAt: d(at),
          updatedAt: d(at),
        });
      else
        reviews.push({
          ...base,
          githubId: i,
          pullNumber: item.number,
          state: kind === 'pending' ? 'PENDING' : 'COMMENTED',
          submittedAt: kind === 'pending' ? null : d(at),
        });
      if (kind !== 'pending') item.candidates.push({ at, authorKey: keyOf(who), isBot: botOf(who) });
    }
    await upsertIssues(
      postgres.db,
      id,
      items.map((item) =>
        makeIssue(item.number, {
          isPullRequest: item.number % 2 === 0,
          authorLogin: item.author.rowLogin,
          authorUserId: item.author.id,
          createdAt: d(item.createdAt),
          updatedAt: d(item.createdAt),
          closedAt: null,
          state: 'open',
        }),
      ),
    );
    await upsertIssueComments(postgres.db, id, comments);
    await upsertReviews(postgres.db, id, reviews);
    await upsertReviewComments(postgres.db, id, lineComments);

    const input = await loadScoreInput(postgres.db, id);
    const expected = items.map((item) => ({
      number: item.number,
      authorKey: keyOf(item.author),
      isBot: botOf(item.author),
      firstResponseAt: findFirstResponseAt(keyOf(item.author), item.createdAt, item.candidates),
    }));
    expect(
      input.issues.map((i) => ({
        number: i.number,
        authorKey: i.authorKey,
        isBot: i.isBot,
        firstResponseAt: i.firstResponseAt,
      })),
    ).toEqual(expected);
    // The draw exercises the rule: some items unanswered, some answered, some self-replies ignored.
    expect(expected.filter((e) => e.firstResponseAt === null).length).toBeGreaterThan(0);
    expect(expected.filter((e) => e.firstResponseAt !== null).length).toBeGreaterThan(10);
  });
});
