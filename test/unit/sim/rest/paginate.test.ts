import { describe, expect, it } from '@jest/globals';
import { paginate, pageParams } from '../../../../src/sim/rest/paginate.js';
import type { RestRequest } from '../../../../src/sim/rest/rest-route.js';
import { SimState } from '../../../../src/sim/sim-state.js';

const state = new SimState({ users: [], repos: [] });

function request(query: string): RestRequest {
  return {
    state,
    params: {},
    query: new URLSearchParams(query),
    ctx: { api: 'http://sim', web: 'http://sim' },
    credential: { key: 'ip:x', fingerprint: 'anonymous:x', token: null, authenticated: false },
    linkBase: 'http://sim/repositories/7/issues',
    pageCacheKey: null,
  };
}

const items = Array.from({ length: 13 }, (_, i) => i + 1);
const rels = (query: string) =>
  (paginate(request(query), items, String).headers?.['link'] ?? '')
    .split(', ')
    .filter((part) => part !== '')
    .map((part) => /rel="(\w+)"/.exec(part)?.[1]);

describe('pageParams', () => {
  it.each([
    ['', 30, 1],
    ['per_page=100&page=3', 100, 3],
    ['per_page=500', 100, 1],
    ['per_page=0&page=0', 30, 1],
    ['per_page=abc&page=-2', 30, 1],
  ])('%s → per_page %i, page %i', (query, perPage, page) => {
    expect(pageParams(new URLSearchParams(query))).toEqual({ perPage, page });
  });
});

describe('paginate', () => {
  it('orders relations as GitHub: first page next,last; middle prev,next,last,first; last page prev,first', () => {
    expect(rels('per_page=3')).toEqual(['next', 'last']);
    expect(rels('per_page=3&page=2')).toEqual(['prev', 'next', 'last', 'first']);
    expect(rels('per_page=3&page=5')).toEqual(['prev', 'first']);
    expect(rels('per_page=20')).toEqual([]);
  });

  it('keeps other parameters in order and sets page in place or at the end', () => {
    const link = paginate(request('state=all&per_page=3&since=2024-01-01T00:00:00Z'), items, String)
      .headers?.['link'];
    expect(link).toContain(
      '<http://sim/repositories/7/issues?state=all&per_page=3&since=2024-01-01T00%3A00%3A00Z&page=2>; rel="next"',
    );
    const middle = paginate(request('page=2&per_page=3'), items, String).headers?.['link'];
    expect(middle).toContain('<http://sim/repositories/7/issues?page=1&per_page=3>; rel="prev"');
  });

  it('serves the slice as a JSON array and an empty array past the end', () => {
    expect(String(paginate(request('per_page=5&page=3'), items, String).bytes)).toBe('[11,12,13]');
    expect(String(paginate(request('per_page=5&page=9'), items, String).bytes)).toBe('[]');
  });

  it('answers 422 past rest.maxPage and caps rel="last" there', () => {
    state.configure({ rest: { maxPage: 2 } });
    try {
      expect(paginate(request('per_page=3&page=3'), items, String).status).toBe(422);
      expect(rels('per_page=3')).toEqual(['next', 'last']);
      expect(paginate(request('per_page=3'), items, String).headers?.['link']).toContain(
        'page=2>; rel="last"',
      );
    } finally {
      state.configure({ rest: { maxPage: 0 } });
    }
  });
});
