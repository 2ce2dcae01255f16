import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import type { ScoreInput } from '../../../src/score/index.js';
import { loadScoreInput } from '../../../src/store/score-input.store.js';
import {
  createTestPglite,
  createTestPostgres,
  type TestPglite,
  type TestPostgres,
} from '../../support/db.js';
import { DAY, H, REPO_CREATED, T0, loadScoreFixture } from './score-fixture.js';

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
