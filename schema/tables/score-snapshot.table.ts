import type { ColumnType } from 'kysely';
import type { Timestamp, TimestampDefaultNow } from './column-types.js';

export type ScoreSnapshotKind = 'monthly' | 'point';

/** `jsonb`: read as parsed JSON, written as a JSON string (the store serialises it). */
export type Jsonb = ColumnType<unknown, string, string>;

/**
 * The health score of one repository as of one instant under one scoring version. `monthly` rows
 * are backfilled at UTC month ends; `point` rows are taken after a crawl or on demand.
 */
export interface ScoreSnapshotTable {
  repository_id: number;
  scoring_version: string;
  as_of: Timestamp;
  kind: ScoreSnapshotKind;
  /** null when no weighted metric had data and no gate applied. */
  score: number | null;
  /** The composite score's components (metric, value, points, weight, …). */
  components: Jsonb;
  /** The maintained gate: maintained, reason, cap, uncappedScore. */
  gate: Jsonb;
  /** Every metric's value with numerator, denominator, coverage and details. */
  metrics: Jsonb;
  computed_at: TimestampDefaultNow;
}
