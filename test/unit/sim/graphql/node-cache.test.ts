import { describe, expect, it } from '@jest/globals';
import { NodeCache } from '../../../../src/sim/graphql/node-cache.js';
import { RawJson } from '../../../../src/sim/json-bytes.js';

const raw = (text: string) => new RawJson(Buffer.from(text));

describe('NodeCache', () => {
  it('forgets everything when the generation changes', () => {
    const cache = new NodeCache(10).use('g1');
    const plan = {};
    const item = {};
    cache.set(plan, item, raw('{"a":1}'));
    let computed = 0;
    cache.list('k', () => [++computed]);
    expect(cache.use('g1').get(plan, item)?.bytes.toString()).toBe('{"a":1}');
    expect(cache.list('k', () => [++computed])).toEqual([1]);
    expect(cache.use('g2').get(plan, item)).toBeUndefined();
    expect(cache.list('k', () => [++computed])).toEqual([2]);
  });

  it('holds at most its bound of entries', () => {
    const cache = new NodeCache(2).use('g');
    const plan = {};
    const items = [{}, {}, {}];
    for (const item of items) cache.set(plan, item, raw('{}'));
    expect(items.map((item) => cache.get(plan, item) !== undefined)).toEqual([true, true, false]);
  });
});
