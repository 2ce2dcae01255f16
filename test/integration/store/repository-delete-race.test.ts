import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import { upsertCommits } from '../../../src/store/commit.store.js';
import { upsertIssueComments, upsertReviews } from '../../../src/store/discussion.store.js';
import { upsertIssues } from '../../../src/store/issue.store.js';
import { deleteRepository, registerRepositories } from '../../../src/store/repository.store.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';
import { makeCommit, makeIssue, makeIssueComment, makeReview } from '../../support/store-records.js';

/*
 * The bulk tables have no foreign key to repository: the store's lock (FOR KEY SHARE per upsert) and
 * the delete trigger on repository must leave no orphans when a crawl writes while the repository
 * is removed. Two connections, interleaved step by step: each test waits until PostgreSQL reports the
 * second one blocked on a lock before the first one goes on, so the order is fixed, not a timing race.
 */

jest.setTimeout(60_000);

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const BULK_TABLES = ['commit', 'issue', 'issue_comment', 'review', 'review_comment'];

describe('removing a repository while the crawl writes it (PostgreSQL, two connections)', () => {
  let postgres: TestPostgres;
  let db: Kysely<Database>;

  beforeAll(async () => {
    postgres = await createTestPostgres();
    db = postgres.db;
  });
  afterAll(() => postgres?.drop());

  it('a crawl transaction that locked the repository first commits, then every row of it is deleted', async () => {
    const id = await register(db, 'race/writer-first');
    const writer = await db.startTransaction().execute();
    await upsertCommits(
      writer,
      id,
      range(20).map((i) => makeCommit(i)),
    );
    const deleting = deleteRepository(db, id);
    await untilBlockedOnLock(db);
    // Still writing while the delete waits: these rows must go too.
    await upsertIssues(
      writer,
      id,
      range(5).map((n) => makeIssue(n)),
    );
    await upsertIssueComments(
      writer,
      id,
      range(10).map((i) => makeIssueComment(i)),
    );
    await writer.commit().execute();
    expect(await deleting).toBe(true);
    expect(await orphans(db)).toEqual([0, 0, 0, 0, 0]);
  });

  it('a crawl write after the delete took the repository row fails once it commits and writes nothing', async () => {
    const id = await register(db, 'race/deleter-first');
    await upsertReviews(
      db,
      id,
      range(3).map((i) => makeReview(i)),
    );
    const { deleter, writing } = await writeBehindPendingDelete(db, id);
    await deleter.commit().execute();
    await expect(writing).rejects.toMatchObject({ code: 'REPO_NOT_REGISTERED' });
    expect(await orphans(db)).toEqual([0, 0, 0, 0, 0]);
  });

  it('a crawl write waiting on a delete that rolls back goes ahead', async () => {
    const id = await register(db, 'race/deleter-rolls-back');
    const { deleter, writing } = await writeBehindPendingDelete(db, id);
    await deleter.rollback().execute();
    expect(await writing).toEqual({ inserted: 20, updated: 0, unchanged: 0 });
  });
});

/** A transaction that deleted the repository (not yet committed) and a 20-commit write waiting on it. */
async function writeBehindPendingDelete(db: Kysely<Database>, id: number) {
  const deleter = await db.startTransaction().execute();
  expect(await deleteRepository(deleter, id)).toBe(true);
  const writing = db.transaction().execute((trx) =>
    upsertCommits(
      trx,
      id,
      range(20).map((i) => makeCommit(i)),
    ),
  );
  await untilBlockedOnLock(db);
  return { deleter, writing };
}

async function register(db: Kysely<Database>, fullName: string): Promise<number> {
  const { added } = await registerRepositories(db, [parseRepoName(fullName)]);
  const id = added[0]?.id;
  if (id === undefined) throw new Error('registration returned nothing');
  return id;
}

/** Rows of each bulk table whose repository does not exist. */
async function orphans(db: Kysely<Database>): Promise<number[]> {
  const counts: number[] = [];
  for (const table of BULK_TABLES) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::integer as n from ${sql.table(table)} as t
       where not exists (select from repository as r where r.id = t.repository_id)`.execute(db);
    counts.push(rows[0]?.n ?? -1);
  }
  return counts;
}

/** Resolves once a session of this database waits for a lock (the other connection's statement). */
async function untilBlockedOnLock(db: Kysely<Database>): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::integer as n from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no session became blocked on a lock');
}
