import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { migrations } from '../../../schema/migrations/index.js';
import { LOCK_FILE_NAME } from '../../../src/runtime/data-dir-lock.js';
import { openDatabase } from '../../../src/runtime/database.js';
import { isVitalsError } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { listRepositories, registerRepositories } from '../../../src/store/repository.store.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';

// PGlite on disk boots in seconds, more on a loaded machine.
jest.setTimeout(120_000);

describe('openDatabase on the embedded engine', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vitals-open-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, holds the lock while open, refuses a second open, and keeps data across reopening', async () => {
    const config = { databaseUrl: undefined, dataDir };
    const first = await openDatabase(config, silentLogger);
    expect(first.kind).toBe('pglite');
    expect(first.migration?.applied).toEqual(Object.keys(migrations));
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);
    await registerRepositories(first.db, [parseRepoName('octocat/hello-world')]);
    let second: unknown;
    try {
      await openDatabase(config, silentLogger);
    } catch (err) {
      second = err;
    }
    expect(isVitalsError(second, 'DB_LOCKED')).toBe(true);
    expect((second as Error).message).toContain('This process opened it already');
    await first.close();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);

    // Opened without running a single query, it must still close PGlite and release the lock.
    const idle = await openDatabase(config, silentLogger, { migrate: false });
    await idle.close();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);

    const again = await openDatabase(config, silentLogger);
    try {
      expect(again.migration?.applied).toEqual([]);
      expect((await listRepositories(again.db)).map((r) => r.fullName)).toEqual(['octocat/hello-world']);
    } finally {
      await again.close();
    }
  });
});
