import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { upsertPortfolio, upsertPortfolioMembers } from '../../../src/store/portfolio.store.js';
import { listScoreSnapshots } from '../../../src/store/score-snapshot.store.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';
import { runCli } from '../../support/run-cli.js';
import { loadScoreFixture } from './score-fixture.js';

// Each step spawns the real CLI (tsx compiles on start): seconds each on a loaded 2-core machine.
jest.setTimeout(180_000);

interface ScoreJson {
  asOf: string;
  scoringVersion: string;
  repositories: {
    repository: string;
    score: number | null;
    maintained: boolean | null;
    snapshots: number;
    written: number;
  }[];
  portfolio: {
    name: string;
    score: number | null;
    members: { repository: string; score: number }[];
    unscored: string[];
  } | null;
}

describe('vitals score (spawned CLI on PostgreSQL)', () => {
  let database: TestPostgres;
  let env: Record<string, string>;
  let widgetsId: number;

  beforeAll(async () => {
    database = await createTestPostgres();
    env = { DATABASE_URL: database.url };
    widgetsId = await loadScoreFixture(database.db, 'acme/widgets');
    const gadgets = await loadScoreFixture(database.db, 'acme/gadgets');
    const portfolio = await upsertPortfolio(database.db, 'Acme');
    await upsertPortfolioMembers(database.db, portfolio.id, [widgetsId, gadgets]);
  });
  afterAll(() => database?.drop());

  it('exit 2 on a malformed name, on an unregistered one (named in the message), and without a selection', async () => {
    const bad = await runCli(['score', 'bad_owner/x'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[REPO_NAME_INVALID]');

    const unknown = await runCli(['score', 'acme/widgets', 'nobody/nothing'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Not registered: nobody/nothing');
    expect(unknown.stderr).toContain('[REPO_NOT_REGISTERED]');
    expect(await listScoreSnapshots(database.db, widgetsId, 'v1')).toEqual([]);

    const none = await runCli(['score'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('[INPUT_INVALID]');

    const badDate = await runCli(['score', '--all', '--as-of', 'yesterday-ish'], env);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--as-of must be a date');
  });

  it('--backfill --json stores monthly snapshots and prints the scores; a re-run changes nothing', async () => {
    const args = ['score', 'acme/widgets', '--as-of', '2024-03-31T23:59:59.999Z', '--backfill', '--json'];
    const first = await runCli(args, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout) as ScoreJson;
    expect(json.asOf).toBe('2024-03-31T23:59:59.999Z');
    expect(json.repositories).toHaveLength(1);
    expect(json.repositories[0]).toMatchObject({ repository: 'acme/widgets', snapshots: 3, written: 3 });
    const stored = await listScoreSnapshots(database.db, widgetsId, 'v1');
    expect(stored.map((s) => s.asOf.toISOString())).toEqual([
      '2024-01-31T23:59:59.999Z',
      '2024-02-29T23:59:59.999Z',
      '2024-03-31T23:59:59.999Z',
    ]);
    expect(json.repositories[0]!.score).toBe(stored[2]!.score);

    const again = JSON.parse((await runCli(args, env)).stdout) as ScoreJson;
    expect(again.repositories[0]).toMatchObject({
      snapshots: 3,
      written: 0,
      score: json.repositories[0]!.score,
    });
  });

  it('--portfolio scores every member and the portfolio', async () => {
    const result = await runCli(
      ['score', '--portfolio', 'acme', '--as-of', '2024-03-31T23:59:59.999Z', '--json'],
      env,
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ScoreJson;
    expect(json.repositories.map((r) => r.repository)).toEqual(['acme/gadgets', 'acme/widgets']);
    // Identical members: the activity-weighted mean is their common score.
    const [gadgets, widgets] = json.repositories;
    expect(gadgets!.score).toBe(widgets!.score);
    expect(json.portfolio).toMatchObject({ name: 'Acme', score: widgets!.score, unscored: [] });
    expect(json.portfolio!.members.map((m) => m.repository)).toEqual(['acme/gadgets', 'acme/widgets']);

    const unknown = await runCli(['score', '--portfolio', 'nope'], env);
    expect(unknown.code).toBe(2);
  });

  it('prints a readable line per repository without --json', async () => {
    const result = await runCli(['score', '--all', '--as-of', '2024-03-31T23:59:59.999Z'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^acme\/gadgets\s+\d+\.\d\d {2}\[1 snapshot, \d changed\]$/m);
    expect(result.stdout).toContain('scored 2 repositories as of 2024-03-31T23:59:59.999Z (scoring v1)');
  });
});
