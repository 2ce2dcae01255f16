import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { LOCK_FILE_NAME, acquireDataDirLock } from '../../../src/runtime/data-dir-lock.js';
import { runCli } from '../../support/run-cli.js';

// The first run creates an embedded PostgreSQL on disk: tens of seconds on a loaded 2-core machine.
jest.setTimeout(240_000);

describe('vitals repo on the embedded database (spawned CLI, PGlite)', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vitals-cli-'));
    env = { VITALS_DATA_DIR: dataDir };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('takes over a stale lock, migrates implicitly, adds and lists, and leaves no lock behind', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({ pid: Number(dead.stdout.toString()), hostname: hostname(), startedAt: 'then' }),
    );
    const added = await runCli(['repo', 'add', 'octocat/hello-world', 'nodejs/node'], env);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('added octocat/hello-world\nadded nodejs/node\n');
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    const list = await runCli(['repo', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const parsed = JSON.parse(list.stdout) as { repositories: Array<{ repository: string }> };
    expect(parsed.repositories.map((r) => r.repository)).toEqual(['nodejs/node', 'octocat/hello-world']);
  });

  it('refuses to open a directory another live process holds: DB_LOCKED with its pid', async () => {
    const lock = acquireDataDirLock(dataDir);
    try {
      const result = await runCli(['repo', 'list'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`in use by process ${process.pid}`);
      expect(result.stderr).toContain('[DB_LOCKED]');
    } finally {
      lock.release();
    }
  });
});
