import type { MetricValue } from '../metric.js';
import { fiftyPercentRule } from '../stats/fifty-percent-rule.js';

/** The MetricValue of a 50%-rule count over per-person volumes (shared by both absence factors). */
export function absenceFactorValue(volumes: ReadonlyMap<string, number>, emptyReason: string): MetricValue {
  const result = fiftyPercentRule(volumes);
  if (!result) return { value: null, numerator: 0, denominator: 0, details: { reason: emptyReason } };
  return {
    value: result.count,
    numerator: result.covered,
    denominator: result.total,
    details: { contributors: result.groups, topContributorShare: result.topShare },
  };
}
