import type { GeoMode } from '../../config/load-config.js';

export type { GeoMode };

/** Where a contributor lives, as reported (design §3): mainland China is `CN`. */
export type Region = 'CN' | 'HK' | 'MO' | 'TW' | 'OTHER' | 'UNKNOWN';

/** What `vitals geo locate` reads per line; every field optional (design §3). */
export interface ContributorSignals {
  login?: string;
  location?: string;
  company?: string;
  email?: string;
  blog?: string;
  commitEmails?: string[];
  /** Commit count per author UTC offset, e.g. { "+08:00": 12 } (GraphQL GitTimestamp keeps it). */
  tzOffsets?: Record<string, number>;
  /** Operator correction: ISO 3166-1 alpha-2; it wins over every other signal. */
  override?: string;
}

export type SignalKind = 'override' | 'location' | 'email' | 'blog' | 'company' | 'tz-offset';

/** Signals that measure the same thing; within a group only the strongest one counts. */
export type SignalGroup = 'override' | 'location' | 'affiliation' | 'time';

/** One piece of evidence, as explained in the output. */
export interface GeoSignal {
  kind: SignalKind;
  /** The input it came from (trimmed, at most 200 characters). */
  value: string;
  /** Human-readable reading of the value, e.g. "hangzhou → CN (alias)". */
  evidence: string;
  /** Strength in log-odds units actually applied (0 = listed but not counted). */
  weight: number;
  /** The country this signal favours most, when it favours one. */
  country: string | null;
}

/**
 * Evidence from one signal: relative likelihood per country (the best is 1; countries not listed get the
 * floor), and the weight (in nats) with which a country at the floor is penalised.
 */
export interface Evidence {
  kind: SignalKind;
  group: SignalGroup;
  value: string;
  evidence: string;
  weight: number;
  likelihood: ReadonlyMap<string, number>;
  /** Likelihood of countries absent from `likelihood` (e.g. 0.02: a strong "not elsewhere"). */
  floor: number;
}

export interface GeoResult {
  login: string | null;
  country: string | null;
  region: Region;
  /** Probability of the reported region (or, for UNKNOWN, of the most likely region), 0..1. */
  confidence: number;
  /** Probability of the reported country (lower than `confidence` for "Cambridge": GB, US or CA). */
  countryConfidence: number | null;
  /** True when strong signals disagree: UNKNOWN with conflict ≠ UNKNOWN for lack of evidence. */
  conflict: boolean;
  signals: GeoSignal[];
}
