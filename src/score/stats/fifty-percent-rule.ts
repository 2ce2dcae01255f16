/**
 * CHAOSS "contributor absence factor" / "elephant factor" 50% rule: the smallest number of groups
 * (people or organisations) that together hold at least half of the volume. Groups are ranked by
 * volume; ties do not change the count.
 */
export interface FiftyPercentResult {
  readonly count: number;
  /** Volume held by those `count` groups. */
  readonly covered: number;
  readonly total: number;
  readonly groups: number;
  /** Largest group's share of the total. */
  readonly topShare: number;
}

export function fiftyPercentRule(volumes: ReadonlyMap<string, number>): FiftyPercentResult | null {
  const ranked = [...volumes.values()].filter((v) => v > 0).sort((a, b) => b - a);
  const total = ranked.reduce((sum, v) => sum + v, 0);
  if (total === 0) return null;
  let covered = 0;
  let count = 0;
  for (const volume of ranked) {
    covered += volume;
    count += 1;
    if (covered * 2 >= total) break;
  }
  return { count, covered, total, groups: ranked.length, topShare: ranked[0]! / total };
}

/** Herfindahl–Hirschman index on the 0–1 scale: Σ shareᵢ². 1 = one group holds everything. */
export function herfindahlIndex(volumes: ReadonlyMap<string, number>): number | null {
  // Summed in sorted order so the float result does not depend on the order rows arrived in.
  const sorted = [...volumes.values()].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  if (total === 0) return null;
  return sorted.reduce((sum, v) => sum + (v / total) ** 2, 0);
}
