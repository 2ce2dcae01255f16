import type { GeographyInput, GeographyVolume } from '../inputs.js';
import type { MetricDefinition, MetricValue } from '../metric.js';

type GeographyAxis = 'byCommits' | 'byContributors' | 'byPullRequests' | 'byIssues';

/** Pass-through of the geography issue's aggregate, with the contract's share, coverage and bounds. */
function shareValue(geography: GeographyInput | null | undefined, axis: GeographyAxis): MetricValue {
  const volume: GeographyVolume | null = geography?.[axis] ?? null;
  if (!geography || !volume) return { value: null, coverage: null, details: { reason: 'no geography data' } };
  const known = volume.outsideChina + volume.china;
  const total = known + volume.unknown;
  if (total === 0)
    return {
      value: null,
      numerator: 0,
      denominator: 0,
      coverage: null,
      details: { reason: 'no volume', window: geography.window },
    };
  return {
    value: known === 0 ? null : volume.outsideChina / known,
    numerator: volume.outsideChina,
    denominator: known,
    coverage: known / total,
    details: {
      window: geography.window,
      china: volume.china,
      unknown: volume.unknown,
      lower: volume.outsideChina / total,
      upper: (volume.outsideChina + volume.unknown) / total,
    },
  };
}

export function outsideChinaShareMetric(id: string, axis: GeographyAxis, what: string): MetricDefinition {
  return {
    id,
    name: `Share from outside mainland China (${what})`,
    motivation:
      'How international the community is (design §5). Reported with coverage and bounds because many contributors cannot be located.',
    formula:
      'share = outsideChina ÷ (outsideChina + china) by weight; coverage = (outsideChina + china) ÷ total; bounds lower = outsideChina ÷ total, upper = (outsideChina + unknown) ÷ total. null when nothing is located.',
    direction: 'higher-is-better',
    windowDays: null,
    counts: `${what[0]!.toUpperCase()}${what.slice(1)} as aggregated by the geography module for the same asOf and its window (design §5); bots excluded there. Taken as given.`,
    unit: 'share (0–1)',
    compute: (input) => shareValue(input.geography, axis),
  };
}
