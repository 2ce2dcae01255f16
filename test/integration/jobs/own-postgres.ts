import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest } from '../../../schema/migrate.js';
import { openPostgres } from '../../../src/runtime/database.js';
import type { TestPostgres } from '../../support/db.js';

/**
 * A PostgreSQL server of this test's own (the machine's one is shared with other test files and must
 * not be restarted): initdb in a temporary directory, run as the `postgres` system user because
 * PostgreSQL refuses to run as root. `available()` says whether this machine can do it.
 */
const BIN = '/usr/lib/postgresql/15/bin';

export function ownPostgresAvailable(): boolean {
  if (process.getuid?.() !== 0) return spawnSync(`${BIN}/initdb`, ['--version']).status === 0;
  return spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/initdb`, '--version']).status === 0;
}

export interface OwnPostgres {
  readonly database: TestPostgres;
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnPostgres(port: number): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'vitals-pg-'));
  const asPostgres = (command: string, args: string[]) =>
    process.getuid?.() === 0
      ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
      : { command, args };
  if (process.getuid?.() === 0) chownSync(dir, uidOf('postgres'), -1);
  const init = asPostgres(`${BIN}/initdb`, ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres']);
  if (spawnSync(init.command, init.args, { stdio: 'ignore' }).status !== 0) throw new Error('initdb failed');
  const launch = async (): Promise<ChildProcess> => {
    const run = asPostgres(`${BIN}/postgres`, [
      '-D',
      join(dir, 'data'),
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ]);
    const child = spawn(run.command, run.args, { stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
      try {
        await client.connect();
        await client.end();
        return child;
      } catch {
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error('postgres did not start');
  };
  let server = await launch();
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('create database vitals');
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:${port}/vitals`;
  const opened = await openPostgres(url);
  await migrateToLatest(opened.db);
  const terminate = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    // Signal the postmaster itself (runuser does not pass signals on). SIGINT = fast shutdown:
    // connections are cut, as in a crash or a failover.
    const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGINT');
    await exited;
  };
  return {
    database: { url, name: 'vitals', db: opened.db, drop: async () => opened.close() },
    async restart(downMs) {
      await terminate();
      await new Promise((r) => setTimeout(r, downMs));
      server = await launch();
    },
    async stop() {
      await opened.close().catch(() => undefined);
      await terminate();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function uidOf(user: string): number {
  const out = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  return Number(out.stdout.trim());
}
