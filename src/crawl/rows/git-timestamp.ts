import { MAX_OFFSET_MINUTES, readIsoInstant } from '../../shared/iso-instant.js';

/**
 * GraphQL `GitTimestamp` values keep the author's own UTC offset ("2024-06-27T13:04:09+08:00"),
 * unlike REST, which renders UTC (https://docs.github.com/graphql/reference/scalars#gittimestamp).
 * We keep the instant and the offset in minutes east of UTC separately.
 */
export interface GitInstant {
  readonly at: Date;
  readonly utcOffsetMinutes: number;
}

const OFFSET = /(Z|([+-])(\d{2}):?(\d{2}))$/i;

export function parseGitTimestamp(value: string): GitInstant | undefined {
  const fast = readIsoInstant(value);
  if (fast !== undefined) return { at: new Date(fast.ms), utcOffsetMinutes: fast.offsetMinutes };
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return undefined;
  // The offset can only be among the last 6 characters: no need to scan the whole value.
  const match = OFFSET.exec(value.trim().slice(-6));
  if (!match || match[1]?.toUpperCase() === 'Z') return { at, utcOffsetMinutes: 0 };
  const sign = match[2] === '-' ? -1 : 1;
  const minutes = Number(match[3]) * 60 + Number(match[4]);
  // Real offsets lie within −12:00…+14:00; anything else is a hostile or broken payload.
  if (minutes > MAX_OFFSET_MINUTES) return { at, utcOffsetMinutes: 0 };
  return { at, utcOffsetMinutes: sign * minutes };
}

/** Epoch milliseconds of an ISO 8601 instant, as `Date.parse` gives them (NaN when not a date). */
export function instantMs(value: string): number {
  return readIsoInstant(value)?.ms ?? Date.parse(value);
}
