import type { ColumnType, Generated } from 'kysely';
import type { Int8, Timestamp, TimestampDefaultNow } from './column-types.js';

/** `jsonb`: read as parsed JSON, written as a JSON string (the store serialises it). */
type Jsonb = ColumnType<unknown, string, string>;

export type GeoRegionColumn = 'CN' | 'HK' | 'MO' | 'TW' | 'OTHER' | 'UNKNOWN';

/**
 * Where one person most likely lives (design §5). `person_key` follows the scoring store's identity
 * rules (lower-cased login of the account, else `email:` + address). `region`/`confidence` are those
 * of the `mainland` mode; `regions` holds the region under every mode, so a report can apply any
 * mode without re-inference; `country` is factual and mode-independent.
 */
export interface GeoPersonTable {
  person_key: string;
  user_id: Int8 | null;
  login: string | null;
  country: string | null;
  country_confidence: number | null;
  region: GeoRegionColumn;
  confidence: number;
  conflict: boolean;
  /** { "mainland": "TW", "greater-china-hkmo": "TW", "greater-china": "CN" } */
  regions: Jsonb;
  /** The signals of the decision, with their evidence and weights (src/geo GeoSignal[]). */
  signals: Jsonb;
  /** The operator override in effect when inferred, if any. */
  override_country: string | null;
  /** Hash of every input of the inference: a person is re-inferred only when it changes. */
  input_hash: string;
  inferred_at: TimestampDefaultNow;
}

/** An operator's correction of one person's country; never touched by crawls. */
export interface GeoOverrideTable {
  /** Lower-cased login, or `email:` + address for people without an account. */
  subject_key: string;
  /** The account's id when it was known: the override follows the account through renames. */
  user_id: Int8 | null;
  country: string;
  reason: string;
  set_by: string;
  set_at: TimestampDefaultNow;
}

export interface GeoOverrideAuditTable {
  id: Generated<number>;
  subject_key: string;
  user_id: Int8 | null;
  action: 'set' | 'clear';
  country: string | null;
  previous_country: string | null;
  reason: string;
  actor: string;
  at: TimestampDefaultNow;
}

/** The per-project geography computed after the last inference, one row per mode. */
export interface RepositoryGeographyTable {
  repository_id: number;
  mode: string;
  as_of: Timestamp;
  report: Jsonb;
  computed_at: TimestampDefaultNow;
}
