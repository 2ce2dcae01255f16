import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { VitalsError } from '../shared/errors.js';

export const LOCK_FILE_NAME = 'vitals.lock';

const OTHER_PROCESS_HINT = 'Stop that process, or set DATABASE_URL to share a PostgreSQL server.';
const SAME_PROCESS_HINT =
  'This process opened it already: pass the open database around instead of reopening it.';

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/**
 * PGlite is a single-process database: two processes writing one directory corrupt it. The lock is a
 * file created with O_EXCL holding the owner's pid. A lock left by a dead process on this host is
 * taken over; a live owner (or one on another host, which we cannot check) gives DB_LOCKED.
 * The lock is also removed when the process exits without calling release().
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path)) return holdLock(path);
    const owner = readOwner(path);
    if (owner && isHeld(owner)) {
      throw new VitalsError(
        'DB_LOCKED',
        `The embedded database in ${dataDir} is in use by process ${owner.pid} on ${owner.hostname} ` +
          `(since ${owner.startedAt}). ${owner.pid === process.pid && owner.hostname === hostname() ? SAME_PROCESS_HINT : OTHER_PROCESS_HINT}`,
        { pid: owner.pid, hostname: owner.hostname, path },
      );
    }
    // Stale: its owner died without releasing it.
    takeOverStale(path, owner);
  }
  throw new VitalsError(
    'DB_LOCKED',
    `Cannot take the lock file ${path}; another process keeps racing for it.`,
    {
      path,
    },
  );
}

/** Writes the owner to a private file, then links it into place: the lock is never seen half-written. */
function tryCreate(path: string): boolean {
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(owner), { mode: 0o644 });
  try {
    linkSync(temporary, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    removeQuietly(temporary);
  }
}

/**
 * Moves a stale lock aside atomically. If another process replaced it with a live lock in between,
 * that one is linked back (link fails if yet another lock appeared, which then stands).
 */
function takeOverStale(path: string, stale: LockOwner | undefined): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = readOwner(aside);
  if (moved && stale && (moved.pid !== stale.pid || moved.startedAt !== stale.startedAt)) {
    try {
      linkSync(aside, path);
    } catch {
      // a newer lock is in place; it wins
    }
  }
  removeQuietly(aside);
}

function holdLock(path: string): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const owner = readOwner(path);
    if (owner?.pid === process.pid && owner.hostname === hostname()) removeQuietly(path);
  };
  process.once('exit', release);
  return { path, release };
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string') {
      return { pid: value.pid, hostname: value.hostname, startedAt: String(value.startedAt ?? 'unknown') };
    }
  } catch {
    // missing or half-written: treated as stale by the caller
  }
  return undefined;
}

function isHeld(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
