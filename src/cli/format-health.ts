import type { HealthReport, HealthTrendStep } from '../runtime/health-report.js';
import { findMetric } from '../score/index.js';

/**
 * The health part of `vitals report` as readable lines: the score with its trend, then one row per
 * metric (value, points earned of the weight it could earn). Metrics left out of the score say why.
 */
export function formatHealthLines(health: HealthReport | null): string[] {
  if (health === null) return ['  health        not computed yet'];
  const score =
    health.score === null ? 'no score (no data to judge by)' : `${health.score.toFixed(2)} of 100`;
  const trend = [
    trendText('3 months', health.trend.threeMonths),
    trendText('12 months', health.trend.twelveMonths),
  ]
    .filter((t) => t !== null)
    .join(', ');
  const lines = [
    `  health        ${score} (scoring ${health.scoringVersion})${trend ? `  trend: ${trend}` : ''}`,
  ];
  if (health.gate.maintained === false)
    lines.push(
      `  gate          not maintained (${health.gate.reason ?? 'unknown'}): capped at ${health.gate.cap}`,
    );
  lines.push(
    `    ${'METRIC'.padEnd(34)}${'VALUE'.padStart(10)} ${'UNIT'.padEnd(16)}${'POINTS'.padStart(7)} / WEIGHT`,
  );
  for (const c of health.components) {
    if (c.status === 'unweighted') continue;
    const value = c.value === null ? '-' : formatValue(c.value);
    const earned =
      c.status === 'scored' || c.status === 'gate'
        ? `${c.points.toFixed(2).padStart(7)} / ${c.weight.toFixed(2)}`
        : `${'-'.padStart(7)}   (${c.status})`;
    if (c.status === 'gate' && c.points === 0) continue;
    const unit = c.value === null ? '' : (findMetric(c.metric)?.unit ?? '');
    lines.push(`    ${c.metric.padEnd(34)}${value.padStart(10)} ${unit.padEnd(16)}${earned}`);
  }
  if (health.trend.threeMonths === null && health.trend.twelveMonths === null && health.snapshots === 0)
    lines.push('  (no history yet: `vitals score --backfill` stores monthly snapshots for the trend)');
  return lines;
}

function trendText(label: string, step: HealthTrendStep | null): string | null {
  if (step === null) return null;
  const sign = step.delta > 0 ? '+' : '';
  return `${step.arrow} ${sign}${step.delta.toFixed(2)} vs ${label} ago`;
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(3);
}
