import { describe, expect, it } from '@jest/globals';
import { estimateScheduleBudget } from '../../../src/jobs/budget-estimate.js';
import { describeCadence, parseCron, parseEvery, runsPerHour } from '../../../src/jobs/schedule-cadence.js';
import { isVitalsError } from '../../../src/shared/errors.js';
import type { Schedule } from '../../../src/store/schedule.store.js';
import { isStuck } from '../../../workers/watchdog.js';

const invalid = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return isVitalsError(err, 'INPUT_INVALID');
  }
  return false;
};

describe('schedule cadences', () => {
  it('parses --every durations of at least a minute', () => {
    expect(parseEvery('6h')).toEqual({ everySeconds: 21_600 });
    expect(parseEvery('90m')).toEqual({ everySeconds: 5_400 });
    expect(parseEvery('1d')).toEqual({ everySeconds: 86_400 });
    for (const bad of ['10s', '0m', 'h', '6 h', '-1h', '']) expect(invalid(() => parseEvery(bad))).toBe(true);
  });

  it('parses five-field cron patterns and counts runs per hour', () => {
    expect(parseCron('0 */6 * * *')).toEqual({ cron: '0 */6 * * *' });
    expect(runsPerHour({ cron: '0 */6 * * *' })).toBeCloseTo(4 / 24);
    expect(runsPerHour({ cron: '*/15 * * * *' })).toBe(4);
    expect(runsPerHour({ everySeconds: 1_800 })).toBe(2);
    for (const bad of ['* * * *', '61 * * * *', '0 24 * * *', 'a b c d e', '5-1 * * * *'])
      expect(invalid(() => parseCron(bad))).toBe(true);
    expect(describeCadence({ everySeconds: 21_600 })).toBe('every 6h');
    expect(describeCadence({ cron: '0 3 * * *' })).toBe('cron 0 3 * * *');
  });

  it('estimates the hourly budget of schedules against the credentials', () => {
    const schedule = (cadence: Schedule['cadence']): Schedule => ({
      id: 1,
      target: { kind: 'all' },
      label: 'all',
      cadence,
      updatedAt: new Date(0),
    });
    const over = estimateScheduleBudget(
      [{ schedule: schedule({ everySeconds: 60 }), repositories: 100 }],
      2,
      true,
    );
    expect(over).toMatchObject({ requestsPerHour: 60_000, availablePerHour: 10_000, overBudget: true });
    expect(over.message).toContain('60,000 requests/hour');
    const fine = estimateScheduleBudget(
      [{ schedule: schedule({ everySeconds: 21_600 }), repositories: 100 }],
      1,
      true,
    );
    expect(fine.overBudget).toBe(false);
    expect(
      estimateScheduleBudget([{ schedule: schedule({ everySeconds: 3_600 }), repositories: 10 }], 1, false)
        .overBudget,
    ).toBe(true);
  });
});

describe('watchdog', () => {
  const base = {
    running: true,
    waiting: 5,
    inFlight: 0,
    concurrency: 2,
    rateLimitTtlMs: 0,
    paused: false,
    lastActivityMs: 0,
    nowMs: 120_000,
  };
  it('flags a worker that has idle slots, waiting jobs and no activity for too long', () => {
    expect(isStuck(base, 60_000)).toBe(true);
    expect(isStuck({ ...base, running: false, waiting: 0 }, 60_000)).toBe(true);
  });
  it('leaves alone a worker that is busy, rate limited, paused, recently active or has nothing to do', () => {
    expect(isStuck({ ...base, inFlight: 2 }, 60_000)).toBe(false);
    expect(isStuck({ ...base, rateLimitTtlMs: 5_000 }, 60_000)).toBe(false);
    expect(isStuck({ ...base, paused: true }, 60_000)).toBe(false);
    expect(isStuck({ ...base, lastActivityMs: 100_000 }, 60_000)).toBe(false);
    expect(isStuck({ ...base, waiting: 0 }, 60_000)).toBe(false);
  });
});
