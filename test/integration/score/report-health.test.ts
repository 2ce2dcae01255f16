import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getHealthReport } from '../../../src/runtime/health-report.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';
import { runCli } from '../../support/run-cli.js';
import { loadScoreFixture } from './score-fixture.js';

// Spawned CLI processes (tsx compiles on start): seconds each on a loaded 2-core machine.
jest.setTimeout(180_000);

interface ReportJson {
  health: {
    score: number | null;
    components: { metric: string; value: number | null; points: number; weight: number }[];
    trend: { threeMonths: { arrow: string; baselineAsOf: string } | null; twelveMonths: unknown };
  } | null;
}

describe('vitals report: the health part (spawned CLI on PostgreSQL)', () => {
  let database: TestPostgres;
  let env: Record<string, string>;
  let repositoryId: number;

  beforeAll(async () => {
    database = await createTestPostgres();
    env = { DATABASE_URL: database.url };
    repositoryId = await loadScoreFixture(database.db, 'acme/widgets');
  });
  afterAll(() => database?.drop());

  it('--json fills health (score, components with metric/value/points/weight, trend vs stored snapshots)', async () => {
    const backfill = await runCli(
      ['score', 'acme/widgets', '--as-of', '2024-03-31T23:59:59.999Z', '--backfill'],
      env,
    );
    expect(backfill.code).toBe(0);
    const asOf = '2024-04-30T23:59:59.999Z';
    const result = await runCli(['report', 'acme/widgets', '--json', '--as-of', asOf], env);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ReportJson;
    const expected = await getHealthReport(database.db, repositoryId, new Date(asOf), {
      geoMode: 'mainland',
    });
    expect(report.health).not.toBeNull();
    expect(report.health!.score).toBe(expected.score);
    expect(report.health!.components.map((c) => [c.metric, c.value, c.points, c.weight])).toEqual(
      expected.components.map((c) => [c.metric, c.value, c.points, c.weight]),
    );
    expect(report.health!.trend.threeMonths?.baselineAsOf).toBe('2024-01-31T23:59:59.999Z');
    expect(report.health!.trend.threeMonths?.arrow).toMatch(/^[↑↓→]$/);

    const text = await runCli(['report', 'acme/widgets', '--as-of', asOf], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`health        ${expected.score!.toFixed(2)} of 100 (scoring v1)`);
    expect(text.stdout).toMatch(/vs 3 months ago/);
    expect(text.stdout).toMatch(/bus-factor-commits\s+\d/);
  });
});
