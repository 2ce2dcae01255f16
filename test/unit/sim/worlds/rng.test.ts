import { describe, expect, it } from '@jest/globals';
import {
  hexString,
  logNormal,
  mulberry32,
  normal,
  pick,
  poisson,
  shuffle,
  weightedPick,
} from '../../../../src/sim/rng.js';

describe('mulberry32 and helpers', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws with the requested distributions (roughly)', () => {
    const rng = mulberry32(7);
    const n = 20_000;
    let sum = 0;
    let poissonSum = 0;
    const logs: number[] = [];
    for (let i = 0; i < n; i++) {
      sum += normal(rng, 10, 2);
      poissonSum += poisson(rng, 3);
      logs.push(logNormal(rng, 5, 1));
    }
    expect(sum / n).toBeCloseTo(10, 1);
    expect(poissonSum / n).toBeCloseTo(3, 1);
    logs.sort((x, y) => x - y);
    expect(logs[n / 2]).toBeGreaterThan(4.5);
    expect(logs[n / 2]).toBeLessThan(5.5);
    let heavy = 0;
    for (let i = 0; i < n; i++) if (weightedPick(rng, ['a', 'b'], [9, 1]) === 'a') heavy++;
    expect(heavy / n).toBeCloseTo(0.9, 1);
  });

  it('picks, shuffles and makes hex strings deterministically', () => {
    expect(pick(mulberry32(1), ['x', 'y', 'z'])).toBe(pick(mulberry32(1), ['x', 'y', 'z']));
    expect(() => pick(mulberry32(1), [])).toThrow(RangeError);
    const shuffled = shuffle(mulberry32(5), [1, 2, 3, 4, 5, 6]);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(shuffle(mulberry32(5), [1, 2, 3, 4, 5, 6])).toEqual(shuffled);
    expect(hexString(mulberry32(9), 40)).toMatch(/^[0-9a-f]{40}$/);
  });
});
