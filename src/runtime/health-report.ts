import type { Kysely } from 'kysely';
import { loadScoringConfig } from '../../config/scoring/load-scoring-config.js';
import type { Database } from '../../schema/database.js';
import {
  computeTrend,
  scoreRepository,
  type HealthScore,
  type ScoreComponent,
  type ScoringConfig,
  type TrendStep,
} from '../score/index.js';
import type { GeoMode } from '../geo/geo.types.js';
import { loadPersonRegions, loadScoreInput } from '../store/score-input.store.js';
import { listScorePoints } from '../store/score-snapshot.store.js';
import { geographyFromScoreInput } from './score-geography.js';
import { humanAuthorKeys } from './score-repositories.js';

export interface HealthReportOptions {
  readonly config?: ScoringConfig;
  /** Geography definition for the outside-China metrics; absent → those metrics are null. */
  readonly geoMode?: GeoMode;
}

export interface HealthTrendStep {
  /** The snapshot compared against (ISO). */
  baselineAsOf: string;
  baseline: number;
  delta: number;
  arrow: '↑' | '↓' | '→';
}

/** The `health` part of `vitals report --json` (design §3), with the gate and the trend. */
export interface HealthReport {
  score: number | null;
  scoringVersion: string;
  components: ScoreComponent[];
  gate: HealthScore['gate'];
  note: string;
  trend: { threeMonths: HealthTrendStep | null; twelveMonths: HealthTrendStep | null };
  /** Stored snapshots the trend could draw on (monthly backfill and point snapshots). */
  snapshots: number;
}

/**
 * Scores the repository as of `asOf` from the stored rows (read-only: nothing is written) and
 * compares the score with the stored snapshots about 3 and 12 months earlier. Without snapshots
 * (no `vitals score --backfill` yet) the trend parts are null.
 */
export async function getHealthReport(
  db: Kysely<Database>,
  repositoryId: number,
  asOf: Date,
  options: HealthReportOptions = {},
): Promise<HealthReport> {
  const config = options.config ?? loadScoringConfig();
  const input = await loadScoreInput(db, repositoryId);
  const { geoMode } = options;
  let geography = null;
  if (geoMode !== undefined) {
    const regions = await loadPersonRegions(db, humanAuthorKeys(input), geoMode);
    geography = geographyFromScoreInput(
      input,
      (key) => regions.get(key) ?? 'UNKNOWN',
      asOf.getTime(),
      geoMode,
    );
  }
  const { health } = scoreRepository({ ...input, geography }, asOf.getTime(), config);
  const points = await listScorePoints(db, repositoryId, config.version, { to: asOf });
  const trend = computeTrend(
    { asOf: asOf.getTime(), value: health.score },
    points.map((p) => ({ asOf: p.asOf.getTime(), value: p.score })),
  );
  return {
    score: health.score,
    scoringVersion: health.scoringVersion,
    components: [...health.components],
    gate: health.gate,
    note: health.weights.note,
    trend: { threeMonths: toStep(trend.threeMonths), twelveMonths: toStep(trend.twelveMonths) },
    snapshots: points.length,
  };
}

function toStep(step: TrendStep | null): HealthTrendStep | null {
  return (
    step && {
      baselineAsOf: new Date(step.baselineAsOf).toISOString(),
      baseline: step.baseline,
      delta: step.delta,
      arrow: step.arrow,
    }
  );
}
