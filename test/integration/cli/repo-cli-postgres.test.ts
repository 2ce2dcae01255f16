import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { migrations } from '../../../schema/migrations/index.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';
import { runCli } from '../../support/run-cli.js';

// Each step spawns the real CLI (tsx compiles on start): seconds each on a loaded 2-core machine.
jest.setTimeout(180_000);

interface ListJson {
  repositories: Array<{
    repository: string;
    id: number;
    githubId: number | null;
    state: string;
    stateReason: string | null;
    addedAt: string;
    lastSuccessAt: string | null;
    portfolios: string[];
  }>;
}

describe('vitals migrate / repo on PostgreSQL (spawned CLI)', () => {
  let database: TestPostgres;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestPostgres({ migrate: false });
    env = { DATABASE_URL: database.url };
  });
  afterAll(() => database?.drop());

  it('migrate applies the schema once, then reports it current', async () => {
    const first = await runCli(['migrate'], env);
    expect(first.code).toBe(0);
    const known = Object.keys(migrations);
    expect(first.stdout).toContain(
      `Applied ${known.length} migration(s) to 127.0.0.1:5432/${database.name}:\n`,
    );
    for (const name of known) expect(first.stdout).toContain(`  ${name}\n`);
    const second = await runCli(['migrate', '--json'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      database: 'postgres',
      applied: [],
      known,
    });
  });

  it('rejects a bad name with exit 2, a clear message, and adds none of the names', async () => {
    const result = await runCli(['repo', 'add', 'good/one', 'bad_owner/x', 'o/..'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Invalid repository "bad_owner/x": the owner "bad_owner" may contain only',
    );
    expect(result.stderr).toContain('Invalid repository "o/..": the repository name ".." is reserved');
    expect(result.stderr).toContain('nothing was added');
    expect(result.stderr).toContain('[REPO_NAME_INVALID]');
    const list = await runCli(['repo', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual({ repositories: [] });
  });

  it('adds repositories, and adding them again is a no-op that says so', async () => {
    const added = await runCli(
      ['repo', 'add', 'octocat/Hello-World', 'https://github.com/nodejs/node.git', '--portfolio', 'core'],
      env,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('added octocat/Hello-World\nadded nodejs/node\nin portfolio core\n');
    const again = await runCli(['repo', 'add', 'OCTOCAT/hello-world', '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      added: [],
      existing: ['octocat/Hello-World'],
      portfolio: null,
    });
    const human = await runCli(['repo', 'add', 'nodejs/node'], env);
    expect(human.stdout).toBe('nodejs/node is already registered (no change)\n');
  });

  it('lists as JSON, filtered by portfolio, and as a table', async () => {
    await runCli(['repo', 'add', 'solo/repo'], env);
    const all = JSON.parse((await runCli(['repo', 'list', '--json'], env)).stdout) as ListJson;
    expect(all.repositories.map((r) => r.repository)).toEqual([
      'nodejs/node',
      'octocat/Hello-World',
      'solo/repo',
    ]);
    expect(all.repositories[0]).toEqual({
      repository: 'nodejs/node',
      id: expect.any(Number),
      githubId: null,
      state: 'never',
      stateReason: null,
      addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastSuccessAt: null,
      portfolios: ['core'],
    });
    const core = JSON.parse(
      (await runCli(['repo', 'list', '--json', '--portfolio', 'CORE'], env)).stdout,
    ) as ListJson;
    expect(core.repositories.map((r) => r.repository)).toEqual(['nodejs/node', 'octocat/Hello-World']);
    const table = await runCli(['repo', 'list'], env);
    expect(table.stdout.split('\n')[0]).toMatch(/^REPOSITORY\s+STATE\s+LAST SUCCESS\s+PORTFOLIOS$/);
    expect(table.stdout).toMatch(/solo\/repo\s+never\s+-\s+-/);
    const unknown = await runCli(['repo', 'list', '--portfolio', 'nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no portfolio named "nope"');
  });

  it('removes repositories; unknown names fail with exit 2 unless --missing-ok', async () => {
    const missing = await runCli(['repo', 'remove', 'solo/repo', 'ghost/none'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Not registered: ghost/none; nothing was removed');
    const removed = await runCli(['repo', 'remove', 'solo/repo', 'ghost/none', '--missing-ok'], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe('removed solo/repo\nghost/none was not registered (skipped)\n');
    const list = JSON.parse((await runCli(['repo', 'list', '--json'], env)).stdout) as ListJson;
    expect(list.repositories.map((r) => r.repository)).toEqual(['nodejs/node', 'octocat/Hello-World']);
  });

  it('reports an unreachable server with exit 1, naming the host and never the password', async () => {
    const password = ['not', 'shown', String(process.pid)].join('-');
    const result = await runCli(['repo', 'list'], { DATABASE_URL: `postgres://u:${password}@127.0.0.1:1/x` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot connect to PostgreSQL at 127.0.0.1:1/x');
    expect(result.stderr).toContain('[DB_UNAVAILABLE]');
    expect(result.stderr).not.toContain(password);
  });
});
