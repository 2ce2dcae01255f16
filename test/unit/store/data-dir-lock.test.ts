import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { LOCK_FILE_NAME, acquireDataDirLock } from '../../../src/runtime/data-dir-lock.js';
import { isVitalsError } from '../../../src/shared/errors.js';

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('acquireDataDirLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vitals-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a lock file naming this process and removes it on release', () => {
    const lock = acquireDataDirLock(dir);
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    lock.release(); // twice is harmless
  });

  it('refuses a directory held by a live process with DB_LOCKED naming its pid', () => {
    const lock = acquireDataDirLock(dir);
    try {
      let caught: unknown;
      try {
        acquireDataDirLock(dir);
      } catch (err) {
        caught = err;
      }
      expect(isVitalsError(caught, 'DB_LOCKED')).toBe(true);
      expect((caught as Error).message).toContain(`process ${process.pid}`);
    } finally {
      lock.release();
    }
  });

  it('takes over a lock left by a dead process', () => {
    const pid = deadPid();
    const stale = { pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' };
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify(stale));
    const lock = acquireDataDirLock(dir);
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    writeFileSync(join(dir, LOCK_FILE_NAME), '');
    const lock = acquireDataDirLock(dir);
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true);
    lock.release();
  });
});
