import { describe, expect, it } from '@jest/globals';
import { ResponseCache } from '../../../../src/sim/graphql/response-cache.js';
import { variablesKey } from '../../../../src/sim/graphql/variables-key.js';

const body = (text: string) => Buffer.from(text);

describe('ResponseCache', () => {
  it('forgets everything when the generation changes', () => {
    const cache = new ResponseCache(1024).use('g1');
    cache.set('g1', 'k', body('{"data":1}'));
    expect(cache.use('g1').get('k')?.toString()).toBe('{"data":1}');
    expect(cache.use('g2').get('k')).toBeUndefined();
    expect(cache.use('g1').get('k')).toBeUndefined();
  });

  it('refuses a body computed for an older generation', () => {
    const cache = new ResponseCache(1024).use('g1');
    cache.use('g2');
    cache.set('g1', 'k', body('{}'));
    expect(cache.get('k')).toBeUndefined();
  });

  it('keeps within its byte budget, dropping the least recently used first', () => {
    // Each entry: 10 bytes of body + 1 key character (2 bytes) = 12.
    const cache = new ResponseCache(36).use('g');
    for (const key of ['a', 'b', 'c']) cache.set('g', key, body('0123456789'));
    expect(cache.get('a')).toBeDefined();
    cache.set('g', 'd', body('0123456789'));
    expect(['a', 'b', 'c', 'd'].map((key) => cache.get(key) !== undefined)).toEqual([
      true,
      false,
      true,
      true,
    ]);
    cache.set('g', 'huge', Buffer.alloc(100));
    expect(cache.get('huge')).toBeUndefined();
  });
});

describe('variablesKey', () => {
  it('is the JSON of plain JSON variables, and empty for none', () => {
    expect(variablesKey(undefined)).toBe('');
    expect(variablesKey({})).toBe('{}');
    expect(variablesKey({ after: null, first: 50, labels: ['a', 'b'], o: { x: true } })).toBe(
      '{"after":null,"first":50,"labels":["a","b"],"o":{"x":true}}',
    );
  });

  it('refuses what JSON text would not tell apart', () => {
    expect(variablesKey({ after: undefined })).toBeUndefined();
    expect(variablesKey({ n: -0 })).toBeUndefined();
    expect(variablesKey({ n: Number.NaN })).toBeUndefined();
    // eslint-disable-next-line no-sparse-arrays -- a hole is the case under test
    expect(variablesKey({ list: [1, , 3] })).toBeUndefined();
    expect(variablesKey({ at: new Date(0) })).toBeUndefined();
    const hidden = {};
    Object.defineProperty(hidden, 'after', { value: 'x', enumerable: false });
    expect(variablesKey(hidden as Record<string, unknown>)).toBeUndefined();
  });
});
