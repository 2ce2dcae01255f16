import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { aggregateGeography, type GeographyShare, type WeightedRegion } from '../geo/aggregate-geography.js';
import type { GeoMode, Region } from '../geo/geo.types.js';
import type { GeographyInput } from '../score/index.js';
import { listGeoVolumes, type GeoVolumeRow } from '../store/geo-volume.store.js';

export type GeographyWindow = 'all' | '365d' | '90d';

/** The by* blocks of one window or month (design §3; `byComments` is extra). */
export interface GeographyBlock {
  byCommits: GeographyShare;
  byContributors: GeographyShare;
  byPullRequests: GeographyShare;
  byIssues: GeographyShare;
  /** Issue and review comments and submitted reviews. */
  byComments: GeographyShare;
}

/**
 * The `geography` part of `vitals report --json` (design §3): the top level is the all-time window;
 * `windows` holds all three and `monthly` the UTC-month series. Bots are excluded; people never
 * inferred count as unknown.
 */
export interface GeographyReport extends GeographyBlock {
  mode: GeoMode;
  window: GeographyWindow;
  asOf: string;
  windows: Record<GeographyWindow, GeographyBlock>;
  monthly: Array<{ month: string } & GeographyBlock>;
}

const KIND_AXIS = {
  commit: 'byCommits',
  pull: 'byPullRequests',
  issue: 'byIssues',
  comment: 'byComments',
} as const;

/** Computes a repository's geography as of `asOf` under `mode` from the stored rows and inferences. */
export async function getGeographyReport(
  db: Kysely<Database>,
  repositoryId: number,
  asOf: Date,
  mode: GeoMode,
): Promise<GeographyReport> {
  return buildGeographyReport(await listGeoVolumes(db, repositoryId, asOf, mode), asOf, mode);
}

/** Pure: the report from volume rows (one per person, kind and month). */
export function buildGeographyReport(
  rows: readonly GeoVolumeRow[],
  asOf: Date,
  mode: GeoMode,
): GeographyReport {
  const windows: Record<GeographyWindow, GeographyBlock> = {
    all: block(rows, (r) => r.all, mode),
    '365d': block(rows, (r) => r.last365d, mode),
    '90d': block(rows, (r) => r.last90d, mode),
  };
  const byMonth = new Map<string, GeoVolumeRow[]>();
  for (const r of rows) {
    const list = byMonth.get(r.month);
    if (list) list.push(r);
    else byMonth.set(r.month, [r]);
  }
  const monthly = [...byMonth.keys()]
    .sort()
    .map((month) => ({ month, ...block(byMonth.get(month)!, (r) => r.all, mode) }));
  return { mode, window: 'all', asOf: asOf.toISOString(), ...windows.all, windows, monthly };
}

function block(
  rows: readonly GeoVolumeRow[],
  weightOf: (r: GeoVolumeRow) => number,
  mode: GeoMode,
): GeographyBlock {
  const items: Record<keyof GeographyBlock, WeightedRegion[]> = {
    byCommits: [],
    byContributors: [],
    byPullRequests: [],
    byIssues: [],
    byComments: [],
  };
  const active = new Map<string, Region>();
  for (const r of rows) {
    const weight = weightOf(r);
    if (weight <= 0) continue;
    items[KIND_AXIS[r.kind]].push({ region: r.region, weight });
    active.set(r.key, r.region);
  }
  for (const region of active.values()) items.byContributors.push({ region, weight: 1 });
  return {
    byCommits: aggregateGeography(items.byCommits, mode),
    byContributors: aggregateGeography(items.byContributors, mode),
    byPullRequests: aggregateGeography(items.byPullRequests, mode),
    byIssues: aggregateGeography(items.byIssues, mode),
    byComments: aggregateGeography(items.byComments, mode),
  };
}

/** What the outside-China metrics of the health score read (src/score GeographyInput). */
export function toGeographyInput(report: GeographyReport, window: GeographyWindow = '365d'): GeographyInput {
  const volume = (s: GeographyShare) => ({
    outsideChina: s.outsideChina,
    china: s.china,
    unknown: s.unknown,
  });
  const w = report.windows[window];
  return {
    window,
    byCommits: volume(w.byCommits),
    byContributors: volume(w.byContributors),
    byPullRequests: volume(w.byPullRequests),
    byIssues: volume(w.byIssues),
  };
}

/**
 * The scoring hook: the geography volumes as of `asOf` for src/score's outside-China metrics (one
 * query). loadScoreInput leaves `geography` null; callers that want the metrics set it from here.
 */
export async function loadGeographyInput(
  db: Kysely<Database>,
  repositoryId: number,
  asOf: Date,
  mode: GeoMode,
  window: GeographyWindow = '365d',
): Promise<GeographyInput> {
  return toGeographyInput(await getGeographyReport(db, repositoryId, asOf, mode), window);
}
