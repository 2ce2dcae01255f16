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
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return undefined;
  const match = OFFSET.exec(value.trim());
  if (!match || match[1]?.toUpperCase() === 'Z') return { at, utcOffsetMinutes: 0 };
  const sign = match[2] === '-' ? -1 : 1;
  const minutes = Number(match[3]) * 60 + Number(match[4]);
  // Real offsets lie within −12:00…+14:00; anything else is a hostile or broken payload.
  if (minutes > 14 * 60) return { at, utcOffsetMinutes: 0 };
  return { at, utcOffsetMinutes: sign * minutes };
}
