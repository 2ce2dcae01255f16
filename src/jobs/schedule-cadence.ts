import type { Cadence } from '../store/schedule.store.js';
import { VitalsError } from '../shared/errors.js';

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/** `--every 6h` / `90m` / `1d` → seconds (at least one minute). */
export function parseEvery(text: string): Cadence {
  const match = /^(\d{1,5})([mhd])$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number) : NaN;
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > 366 * 86_400)
    throw new VitalsError(
      'INPUT_INVALID',
      `--every takes a duration like 30m, 6h or 1d (at least 1m), got ${JSON.stringify(text)}`,
    );
  return { everySeconds: seconds };
}

/** Five cron fields (minute hour day month weekday) of digits, `*`, `,`, `-` and `/`. */
export function parseCron(text: string): Cadence {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((f) => /^[\d*,/-]+$/.test(f)))
    throw new VitalsError(
      'INPUT_INVALID',
      `--cron takes five fields (minute hour day month weekday), got ${JSON.stringify(text)}`,
    );
  fields.forEach((field, i) => fieldValues(field, FIELD_RANGES[i] as [number, number]));
  return { cron: fields.join(' ') };
}

/** How many times a cadence fires per hour (cron: minute × hour fields averaged over a day). */
export function runsPerHour(cadence: Cadence): number {
  if ('everySeconds' in cadence) return 3600 / cadence.everySeconds;
  const [minute = '*', hour = '*'] = cadence.cron.split(/\s+/);
  return (fieldValues(minute, [0, 59]).length * fieldValues(hour, [0, 23]).length) / 24;
}

export function describeCadence(cadence: Cadence): string {
  if ('cron' in cadence) return `cron ${cadence.cron}`;
  const s = cadence.everySeconds;
  if (s % 86_400 === 0) return `every ${s / 86_400}d`;
  if (s % 3600 === 0) return `every ${s / 3600}h`;
  return `every ${Math.round(s / 60)}m`;
}

const FIELD_RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function fieldValues(field: string, [low, high]: [number, number]): number[] {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] =
      range === '*'
        ? [low, high]
        : range.includes('-')
          ? range.split('-').map(Number)
          : [Number(range), stepText ? high : Number(range)];
    if (
      ![from, to, step].every((n) => Number.isInteger(n)) ||
      (from as number) < low ||
      (to as number) > high ||
      (from as number) > (to as number) ||
      step < 1
    )
      throw new VitalsError(
        'INPUT_INVALID',
        `cron field ${JSON.stringify(field)} is out of range ${low}-${high}`,
      );
    for (let v = from as number; v <= (to as number); v += step) values.add(v);
  }
  return [...values];
}
