import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { loadScoringConfig } from '../../../config/scoring/load-scoring-config.js';
import { loadGeographyInput } from '../../../src/runtime/geography-report.js';
import { getHealthReport } from '../../../src/runtime/health-report.js';
import { geographyFromScoreInput } from '../../../src/runtime/score-geography.js';
import {
  humanAuthorKeys,
  scoreAndStoreRepositories,
  scoreAndStoreRepository,
} from '../../../src/runtime/score-repositories.js';
import { scoreRepository } from '../../../src/score/index.js';
import { parseRepoName } from '../../../src/shared/repo-name.js';
import { registerRepositories } from '../../../src/store/repository.store.js';
import { loadPersonRegions, loadScoreInput } from '../../../src/store/score-input.store.js';
import {
  findLatestScoreSnapshot,
  findScoreSnapshot,
  listScorePoints,
  listScoreSnapshots,
  type StoredScoreSnapshot,
} from '../../../src/store/score-snapshot.store.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';
import { loadScoreFixture } from './score-fixture.js';

jest.setTimeout(120_000);

const config = loadScoringConfig();
const MARCH_END = Date.UTC(2024, 3, 1) - 1; // 2024-03-31T23:59:59.999Z
const MONTH_ENDS = [Date.UTC(2024, 1, 1) - 1, Date.UTC(2024, 2, 1) - 1, MARCH_END];

/** What must be identical between runs: everything but the write time. */
const values = (rows: readonly StoredScoreSnapshot[]) =>
  rows.map(({ computedAt: _computedAt, ...rest }) => ({ ...rest, asOf: rest.asOf.toISOString() }));

describe('score snapshots', () => {
  let postgres: TestPostgres;
  let repositoryId: number;
  let twinId: number;

  beforeAll(async () => {
    postgres = await createTestPostgres();
    repositoryId = await loadScoreFixture(postgres.db);
    twinId = await loadScoreFixture(postgres.db, 'acme/twin');
  });
  afterAll(async () => {
    await postgres?.drop();
  });

  it('backfills one snapshot per UTC month end from the first activity; a re-run writes nothing', async () => {
    const first = await scoreAndStoreRepository(postgres.db, repositoryId, {
      asOf: MARCH_END,
      config,
      backfill: true,
    });
    expect(first.snapshots).toBe(3);
    expect(first.written).toBe(3);
    const stored = await listScoreSnapshots(postgres.db, repositoryId, config.version);
    expect(stored.map((s) => s.asOf.getTime())).toEqual(MONTH_ENDS);
    expect(stored.map((s) => s.kind)).toEqual(['monthly', 'monthly', 'monthly']);

    const again = await scoreAndStoreRepository(postgres.db, repositoryId, {
      asOf: MARCH_END,
      config,
      backfill: true,
    });
    expect(again.written).toBe(0);
    const after = await listScoreSnapshots(postgres.db, repositoryId, config.version);
    // Untouched rows keep their write time too.
    expect(after).toEqual(stored);
  });

  it('stores exactly what the pure layer computes from the loaded input', async () => {
    const input = await loadScoreInput(postgres.db, repositoryId);
    const expected = scoreRepository(input, MARCH_END, config);
    const [, , march] = await listScoreSnapshots(postgres.db, repositoryId, config.version);
    expect(march?.score).toBe(expected.health.score);
    expect(march?.components).toEqual(JSON.parse(JSON.stringify(expected.health.components)));
    expect(march?.metrics).toEqual(JSON.parse(JSON.stringify(expected.metrics)));
    expect(expected.health.score).not.toBeNull();
  });

  it('is deterministic: rebuilt from scratch, or for an identical repository, the backfill gives the same JSON', async () => {
    const before = values(await listScoreSnapshots(postgres.db, repositoryId, config.version));
    await postgres.db.deleteFrom('score_snapshot').execute();
    await scoreAndStoreRepositories(postgres.db, [repositoryId], { asOf: MARCH_END, config, backfill: true });
    const rebuilt = values(await listScoreSnapshots(postgres.db, repositoryId, config.version));
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(before));

    await scoreAndStoreRepository(postgres.db, twinId, { asOf: MARCH_END, config, backfill: true });
    const twin = values(await listScoreSnapshots(postgres.db, twinId, config.version)).map((s) => ({
      ...s,
      repositoryId,
    }));
    expect(JSON.stringify(twin)).toBe(JSON.stringify(before));
  });

  it('a point snapshot (not a month end) is kind point and sits beside the monthly ones', async () => {
    const asOf = Date.UTC(2024, 3, 15, 12);
    const outcome = await scoreAndStoreRepository(postgres.db, repositoryId, { asOf, config });
    expect(outcome.snapshots).toBe(1);
    const stored = await listScoreSnapshots(postgres.db, repositoryId, config.version);
    expect(stored.map((s) => [s.asOf.getTime(), s.kind])).toEqual([
      ...MONTH_ENDS.map((t) => [t, 'monthly']),
      [asOf, 'point'],
    ]);
    const latest = await findLatestScoreSnapshot(
      postgres.db,
      repositoryId,
      config.version,
      new Date(asOf + 1),
    );
    expect(latest).toEqual(stored[3]);
    const beforeMarch = await findLatestScoreSnapshot(
      postgres.db,
      repositoryId,
      config.version,
      new Date(MARCH_END - 1),
    );
    expect(beforeMarch?.asOf.getTime()).toBe(MONTH_ENDS[1]);
    expect(await findScoreSnapshot(postgres.db, repositoryId, config.version, new Date(MARCH_END))).toEqual(
      stored[2],
    );
    expect(await findScoreSnapshot(postgres.db, repositoryId, 'v99', new Date(MARCH_END))).toBeUndefined();
    const points = await listScorePoints(postgres.db, repositoryId, config.version);
    expect(points).toEqual(stored.map((s) => ({ asOf: s.asOf, score: s.score, kind: s.kind })));
  });

  it('getHealthReport: score and components as of a date, trend against the snapshot 3 months before', async () => {
    const asOf = new Date(Date.UTC(2024, 4, 1) - 1); // 2024-04-30T23:59:59.999Z
    const report = await getHealthReport(postgres.db, repositoryId, asOf, { config });
    const input = await loadScoreInput(postgres.db, repositoryId);
    const expected = scoreRepository(input, asOf.getTime(), config).health;
    expect(report.score).toBe(expected.score);
    expect(report.components.map((c) => [c.metric, c.value, c.points, c.weight])).toEqual(
      expected.components.map((c) => [c.metric, c.value, c.points, c.weight]),
    );
    const sum = report.components.reduce((total, c) => total + c.points, 0);
    expect(Math.round(sum * 100) / 100).toBe(report.score);
    // Three calendar months before April 30 is January 30: the January month-end snapshot is nearest.
    const january = (await listScoreSnapshots(postgres.db, repositoryId, config.version))[0]!;
    expect(report.trend.threeMonths).toEqual({
      baselineAsOf: new Date(MONTH_ENDS[0]!).toISOString(),
      baseline: january.score,
      delta: Math.round((report.score! - january.score!) * 100) / 100,
      arrow: expect.stringMatching(/^[↑↓→]$/),
    });
    expect(report.trend.twelveMonths).toBeNull();
    expect(report.snapshots).toBe(4);
  });

  it('getHealthReport with no snapshot near 3 or 12 months back has no trend', async () => {
    const report = await getHealthReport(postgres.db, twinId, new Date(Date.UTC(2025, 5, 1)), {
      config,
    });
    expect(report.trend).toEqual({ threeMonths: null, twelveMonths: null });
    // A year after the last activity: not maintained, capped by the gate.
    expect(report.gate.maintained).toBe(false);
    expect(report.score).not.toBeNull();
    expect(report.score!).toBeLessThanOrEqual(config.maintainedGate.inactiveCap);
  });

  it('with a geography mode, the outside-China metrics read the stored inferences (score unchanged: weight 0)', async () => {
    for (const [key, region] of [
      ['alice', 'OTHER'],
      ['bob', 'CN'],
    ] as const)
      await sql`insert into geo_person (person_key, region, confidence, conflict, regions, signals, input_hash)
        values (${key}, ${region}, 0.9, false, ${JSON.stringify({ mainland: region })}::jsonb, '[]'::jsonb, 'test')`.execute(
        postgres.db,
      );
    const asOf = new Date(MARCH_END);
    const plain = await getHealthReport(postgres.db, repositoryId, asOf, { config });
    const withGeo = await getHealthReport(postgres.db, repositoryId, asOf, { config, geoMode: 'mainland' });
    const share = (r: typeof plain) => r.components.find((c) => c.metric === 'outside-china-share-commits');
    expect(share(plain)?.value).toBeNull();
    // Human commits in the 365 days: alice 2 (outside), bob 1 (mainland), four people unknown.
    expect(share(withGeo)?.value).toBeCloseTo(2 / 3, 10);
    expect(share(withGeo)?.coverage).toBeCloseTo(3 / 7, 10);
    expect(withGeo.score).toBe(plain.score);

    // The volumes computed from the scoring input equal the report's geography (one definition).
    for (const at of [MARCH_END, Date.UTC(2024, 1, 1), Date.UTC(2025, 0, 25)]) {
      const input = await loadScoreInput(postgres.db, repositoryId);
      const regions = await loadPersonRegions(postgres.db, humanAuthorKeys(input), 'mainland');
      const fromInput = geographyFromScoreInput(input, (k) => regions.get(k) ?? 'UNKNOWN', at, 'mainland');
      expect(fromInput).toEqual(
        await loadGeographyInput(postgres.db, repositoryId, new Date(at), 'mainland'),
      );
    }

    const outcome = await scoreAndStoreRepository(postgres.db, twinId, {
      asOf: MARCH_END,
      config,
      geoMode: 'mainland',
    });
    expect(outcome.result.metrics['outside-china-share-commits']?.value).toBeCloseTo(2 / 3, 10);
    const stored = await findScoreSnapshot(postgres.db, twinId, config.version, asOf);
    expect(
      (stored?.metrics as Record<string, { numerator?: number }>)['outside-china-share-commits']?.numerator,
    ).toBe(2);
  });

  it('a registered repository that was never crawled has no score (not 0)', async () => {
    const { added } = await registerRepositories(postgres.db, [parseRepoName('acme/never-crawled')]);
    const outcome = await scoreAndStoreRepository(postgres.db, added[0]!.id, { asOf: MARCH_END, config });
    expect(outcome.result.health.score).toBeNull();
    expect(outcome.result.health.gate.maintained).toBeNull();
  });
});
