import type { Gazetteer } from './gazetteer.js';
import type { Evidence } from './geo.types.js';

/** Commit offsets are never an absolute veto: people travel, and some machines run on another zone. */
const FLOOR = 0.05;
const MAX_WEIGHT = 2.5;
const OFFSET = /^(?:utc|gmt)?\s*([+-])(\d{1,2}):?(\d{2})?$/i;

/**
 * Reads the histogram of commit UTC offsets (GraphQL `GitTimestamp` keeps the author's offset). A
 * country's likelihood is the share of commits its own offsets (standard or daylight-saving) explain:
 * all at -05:00/-04:00 fits a DST country and not China (no DST since 1991); all at +08:00 fits CN, HK,
 * MO, TW, SG, MY, PH, Perth… equally. +00:00 is dropped when other offsets exist: git-svn imports, CI
 * and servers commit in UTC.
 */
export function readTzOffsets(gazetteer: Gazetteer, tzOffsets: Record<string, number>): Evidence | undefined {
  const counts = new Map<string, number>();
  for (const [key, raw] of Object.entries(tzOffsets)) {
    const offset = normalizeOffset(key);
    const n = Number(raw);
    if (!offset || !Number.isFinite(n) || n <= 0) continue;
    counts.set(offset, (counts.get(offset) ?? 0) + n);
  }
  if (counts.size === 0) return undefined;
  const value = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([o, n]) => `${o}×${n}`)
    .join(' ');
  const utcOnly = counts.size === 1 && counts.has('+00:00');
  if (counts.size > 1) counts.delete('+00:00');
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (utcOnly)
    return {
      kind: 'tz-offset',
      group: 'time',
      value,
      evidence: 'only +00:00 (often CI or a UTC-configured machine): not counted',
      weight: 0,
      likelihood: new Map(),
      floor: 1,
    };

  const explained = new Map<string, number>();
  for (const [country, zones] of gazetteer.offsets) {
    const own = new Set([...zones.standard, ...zones.daylight]);
    let n = 0;
    for (const [offset, count] of counts) if (own.has(offset)) n += count;
    if (n > 0) explained.set(country, n / total);
  }
  const best = Math.max(0, ...explained.values());
  const likelihood = new Map<string, number>();
  for (const [country, share] of explained) {
    const relative = share / best;
    if (relative > FLOOR) likelihood.set(country, relative);
  }
  const weight = best === 0 ? 0 : Math.min(MAX_WEIGHT, 0.6 * Math.log1p(total));
  const dst = hasDaylightPair(counts, total);
  const fitsChina = likelihood.get('CN') ?? 0;
  const evidence = [
    `${total} commit(s)`,
    dst ? 'one-hour seasonal pair (daylight saving)' : '',
    fitsChina >= 0.99
      ? 'consistent with +08:00 (CN and neighbours)'
      : `China explains ${Math.round(100 * (explained.get('CN') ?? 0))}%`,
  ]
    .filter(Boolean)
    .join('; ');
  return { kind: 'tz-offset', group: 'time', value, evidence, weight, likelihood, floor: FLOOR };
}

export function normalizeOffset(key: string): string | undefined {
  if (/^(?:z|utc|gmt)$/i.test(key.trim())) return '+00:00';
  const m = OFFSET.exec(key.trim());
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes >= 60) return undefined;
  const sign = hours === 0 && minutes === 0 ? '+' : m[1];
  return `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function toMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

function hasDaylightPair(counts: Map<string, number>, total: number): boolean {
  const big = [...counts].filter(([, n]) => n / total >= 0.1).map(([o]) => toMinutes(o));
  return big.some((a) => big.includes(a + 60));
}
