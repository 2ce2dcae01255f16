import { describe, expect, it } from '@jest/globals';
import { resourceOf } from '../../../src/github/budgeted-fetch.js';
import { parseLinkHeader } from '../../../src/github/link-header.js';
import { parseRateLimitHeaders, retryAfterSeconds } from '../../../src/github/rate-limit-headers.js';

describe('parseRateLimitHeaders', () => {
  it('reads x-ratelimit-* from a Headers object', () => {
    const headers = new Headers({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': '1700000000',
      'x-ratelimit-resource': 'graphql',
    });
    expect(parseRateLimitHeaders(headers, 200)).toEqual({
      status: 200,
      resource: 'graphql',
      limit: 5000,
      remaining: 4999,
      resetAtMs: 1_700_000_000_000,
    });
  });

  it('reads retry-after only on 403/429 and ignores malformed values', () => {
    expect(parseRateLimitHeaders({ 'retry-after': '60' }, 403).retryAfterMs).toBe(60_000);
    expect(parseRateLimitHeaders({ 'retry-after': '60' }, 200).retryAfterMs).toBeUndefined();
    expect(
      parseRateLimitHeaders({ 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': '-1' }, 200),
    ).toEqual({ status: 200 });
  });

  it('accepts retry-after as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
  });
});

describe('parseLinkHeader', () => {
  it('reads GitHub pagination links', () => {
    const link =
      '<https://api.github.com/repositories/1/issues?page=2&per_page=100>; rel="next", <https://api.github.com/repositories/1/issues?page=5&per_page=100>; rel="last"';
    expect(parseLinkHeader(link)).toEqual({
      next: 'https://api.github.com/repositories/1/issues?page=2&per_page=100',
      last: 'https://api.github.com/repositories/1/issues?page=5&per_page=100',
    });
  });

  it('keeps commas inside URLs and tolerates junk', () => {
    expect(parseLinkHeader('<https://x/a?q=a,b&after=Y2>; rel="next"')).toEqual({
      next: 'https://x/a?q=a,b&after=Y2',
    });
    expect(parseLinkHeader('garbage')).toEqual({});
    expect(parseLinkHeader(null)).toEqual({});
  });
});

describe('resourceOf', () => {
  it('tells GraphQL, search and core apart, GitHub Enterprise layout too', () => {
    expect(resourceOf('https://api.github.com/graphql', '/graphql')).toEqual({
      resource: 'graphql',
      api: 'graphql',
    });
    expect(resourceOf('https://ghe.example/api/graphql', '/api/graphql')).toEqual({
      resource: 'graphql',
      api: 'graphql',
    });
    expect(resourceOf('https://ghe.example/api/v3/search/issues?q=x', '/api/graphql')).toEqual({
      resource: 'search',
      api: 'rest',
    });
    expect(resourceOf('https://ghe.example/api/v3/repos/o/r', '/api/graphql')).toEqual({
      resource: 'core',
      api: 'rest',
    });
  });
});
