import { describe, expect, it } from '@jest/globals';
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import { bulkUpsert, type BulkColumn, type BulkUpsertSpec } from '../../../src/store/bulk-upsert.js';

/** A database that records each statement's parameters (the array literals) and writes nothing. */
function recordingDb() {
  const calls: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = {
    executeQuery: async (query: CompiledQuery) => {
      calls.push({ sql: query.sql, parameters: query.parameters });
      return { rows: [{ inserted: 0, written: 0, locked: 1 }] };
    },
  } as unknown as Kysely<Database>;
  return { db, calls };
}

const COLUMNS: readonly BulkColumn[] = [
  { name: 'repository_id', type: 'integer' },
  { name: 'github_id', type: 'bigint' },
  { name: 'body_length', type: 'integer' },
];
const SPEC: BulkUpsertSpec = {
  table: 'issue_comment',
  columns: COLUMNS,
  key: ['repository_id', 'github_id'],
};

describe('bulkUpsert keys', () => {
  it('keeps the last row of a numeric key, in ascending numeric order', async () => {
    const { db, calls } = recordingDb();
    const rows = [
      [1, 10, 0],
      [1, 9, 1],
      [1, 100, 2],
      [1, 10, 3],
      [1, 2 ** 40, 4],
      [1, 9, 5],
    ];
    const result = await bulkUpsert(db, SPEC, rows);
    expect(calls[0]?.parameters).toEqual(['{1,1,1,1}', `{9,10,100,${2 ** 40}}`, '{5,3,2,4}']);
    expect(result.unchanged).toBe(4);
  });

  it('takes rows already in strictly ascending or descending key order as they are (reversed)', async () => {
    const { db, calls } = recordingDb();
    await bulkUpsert(db, SPEC, [
      [1, 3, 0],
      [1, 20, 1],
      [1, 100, 2],
    ]);
    await bulkUpsert(db, SPEC, [
      [1, 100, 0],
      [1, 20, 1],
      [1, 3, 2],
    ]);
    const row = [1, 5, 0];
    await bulkUpsert(db, SPEC, [row, row]);
    await bulkUpsert(db, SPEC, [
      [1, 5, 0],
      [1, 5, 1],
    ]);
    expect(calls.map((c) => c.parameters.slice(1))).toEqual([
      ['{3,20,100}', '{0,1,2}'],
      ['{3,20,100}', '{2,1,0}'],
      ['{5}', '{0}'],
      ['{5}', '{1}'],
    ]);
  });

  it('orders text keys by UTF-16 code units, last row winning', async () => {
    const { db, calls } = recordingDb();
    const spec: BulkUpsertSpec = {
      table: 'commit',
      columns: [
        { name: 'repository_id', type: 'integer' },
        { name: 'sha', type: 'text' },
        { name: 'additions', type: 'integer' },
      ],
      key: ['repository_id', 'sha'],
    };
    await bulkUpsert(db, spec, [
      [1, 'b', 0],
      [1, 'a', 1],
      [1, 'B', 2],
      [1, 'b', 3],
    ]);
    expect(calls[0]?.parameters).toEqual(['{1,1,1}', '{"B","a","b"}', '{2,1,3}']);
  });

  it('falls back on the joined key texts when the leading key columns differ between rows', async () => {
    const { db, calls } = recordingDb();
    await bulkUpsert(db, SPEC, [
      [2, 5, 0],
      [10, 7, 1],
      [1, 9, 2],
      [2, 5, 3],
      ['1', 9, 4],
    ]);
    // "1\u00019" < "10\u00017" < "2\u00015", and 1 and "1" are the same key, as before.
    expect(calls[0]?.parameters).toEqual(['{1,10,2}', '{9,7,5}', '{4,1,3}']);
  });

  it('treats a key column mixing numbers and texts by its texts', async () => {
    const { db, calls } = recordingDb();
    await bulkUpsert(db, SPEC, [
      [1, 10, 0],
      [1, '9', 1],
      [1, 9, 2],
    ]);
    expect(calls[0]?.parameters).toEqual(['{1,1}', '{10,9}', '{0,2}']);
  });

  it('builds one statement per spec shape, whatever object carries it', async () => {
    const { db, calls } = recordingDb();
    await bulkUpsert(db, { ...SPEC }, [[1, 1, 1]]);
    await bulkUpsert(db, { ...SPEC }, [[1, 1, 1]]);
    await bulkUpsert(db, { ...SPEC, lockRepository: true }, [[1, 1, 1]]);
    await bulkUpsert(db, { ...SPEC, columns: [...COLUMNS] }, [[1, 1, 1]]);
    expect(calls[1]?.sql).toBe(calls[0]?.sql);
    expect(calls[2]?.sql).not.toBe(calls[0]?.sql);
    expect(calls[2]?.sql).toContain('for key share');
    expect(calls[3]?.sql).toBe(calls[0]?.sql);
    await expect(bulkUpsert(db, { ...SPEC, key: ['nope'] }, [[1, 1, 1]])).rejects.toThrow(
      'key not among columns',
    );
  });
});
