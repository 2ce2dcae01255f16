import { isChinaRegion } from './country-region.js';
import type { GeoMode, Region } from './geo.types.js';

/** One contributor's region and the volume it weighs (commits, PRs, issues, or 1 per contributor). */
export interface WeightedRegion {
  region: Region;
  weight: number;
}

/** The `geography.by*` block of `vitals report --json` (design §3). Ratios are null when undefined (0 ÷ 0). */
export interface GeographyShare {
  outsideChina: number;
  china: number;
  unknown: number;
  /** outsideChina ÷ (outsideChina + china) */
  share: number | null;
  /** (outsideChina + china) ÷ total */
  coverage: number | null;
  /** outsideChina ÷ total: the share if every unknown were in China */
  lower: number | null;
  /** (outsideChina + unknown) ÷ total: the share if every unknown were outside China */
  upper: number | null;
}

/**
 * Share of volume from outside China, with coverage and bounds, exactly as design §3 defines them. The
 * mode decides what counts as China (HK/MO, and TW, fold in under the greater-China modes). Callers
 * exclude bots. Non-finite or negative weights count as zero.
 */
export function aggregateGeography(items: readonly WeightedRegion[], mode: GeoMode): GeographyShare {
  let outsideChina = 0;
  let china = 0;
  let unknown = 0;
  for (const { region, weight } of items) {
    const w = Number.isFinite(weight) && weight > 0 ? weight : 0;
    if (region === 'UNKNOWN') unknown += w;
    else if (isChinaRegion(region, mode)) china += w;
    else outsideChina += w;
  }
  const total = outsideChina + china + unknown;
  const known = outsideChina + china;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    outsideChina,
    china,
    unknown,
    share: ratio(outsideChina, known),
    coverage: ratio(known, total),
    lower: ratio(outsideChina, total),
    upper: ratio(outsideChina + unknown, total),
  };
}
