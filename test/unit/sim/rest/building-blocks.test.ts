import { describe, expect, it } from '@jest/globals';
import { etagMatches, notModifiedSince, weakEtag } from '../../../../src/sim/etag.js';
import { FaultInjector } from '../../../../src/sim/faults.js';
import { PageCache } from '../../../../src/sim/page-cache.js';
import { JsonComposer } from '../../../../src/sim/render/json-composer.js';
import { legacyNodeId, parseLegacyNodeId } from '../../../../src/sim/render/node-id.js';
import { utc } from '../../../../src/sim/render/render-context.js';
import { applySimConfigPatch, defaultSimConfig } from '../../../../src/sim/sim-config.js';

describe('ETags', () => {
  it('are weak, differ per credential, and match lists and * in If-None-Match', () => {
    const tag = weakEtag('abc', 'token:1');
    expect(tag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(weakEtag('abc', 'token:2')).not.toBe(tag);
    expect(etagMatches(`"nope", ${tag}`, tag)).toBe(true);
    expect(etagMatches(tag.slice(2), tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('"other"', tag)).toBe(false);
    expect(etagMatches(undefined, tag)).toBe(false);
  });

  it('If-Modified-Since compares at second precision', () => {
    expect(notModifiedSince('Wed, 01 May 2024 10:00:00 GMT', '2024-05-01T10:00:00.900Z')).toBe(true);
    expect(notModifiedSince('Wed, 01 May 2024 09:59:59 GMT', '2024-05-01T10:00:00Z')).toBe(false);
    expect(notModifiedSince('garbage', '2024-05-01T10:00:00Z')).toBe(false);
  });
});

describe('FaultInjector', () => {
  it('gives the same decisions for the same seed and restarts on reseed', () => {
    const settings = { seed: 3, error5xxRate: 0.5, dropRate: 0.1, latencyMs: 10, latencyJitterMs: 5 };
    const a = new FaultInjector(() => settings);
    const b = new FaultInjector(() => settings);
    const first = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(first);
    a.reseed();
    expect(a.next()).toEqual(first[0]);
    expect(first.every((d) => d.delayMs >= 5 && d.delayMs <= 15)).toBe(true);
    expect(new Set(first.map((d) => d.kind))).toEqual(new Set(['none', 'drop', 'error']));
  });
});

describe('sim config patches', () => {
  it('merge known keys and refuse unknown keys or wrong types', () => {
    const config = defaultSimConfig();
    applySimConfigPatch(config, { rateLimit: { core: 10 }, rejectTokens: ['x'] });
    expect(config.rateLimit).toMatchObject({ core: 10, graphql: 5000 });
    expect(config.rejectTokens).toEqual(['x']);
    expect(() => applySimConfigPatch(config, { rateLimit: { coer: 1 } })).toThrow('config.rateLimit.coer');
    expect(() => applySimConfigPatch(config, { faults: { dropRate: 'high' } })).toThrow(
      'non-negative number',
    );
    expect(() => applySimConfigPatch(config, { rejectTokens: 'x' })).toThrow('array of strings');
  });
});

describe('rendering helpers', () => {
  it('renders instants in UTC with Z', () => {
    expect(utc('2024-06-27T13:04:09+08:00')).toBe('2024-06-27T05:04:09Z');
    expect(utc('2024-06-27T05:04:09.123Z')).toBe('2024-06-27T05:04:09Z');
    expect(utc('2024-06-27T05:04:09Z')).toBe('2024-06-27T05:04:09Z');
    expect(utc(null)).toBeNull();
  });

  it('encodes and decodes legacy node ids like GitHub', () => {
    expect(legacyNodeId('User', 583231)).toBe('MDQ6VXNlcjU4MzIzMQ==');
    expect(legacyNodeId('Repository', 1296269)).toBe('MDEwOlJlcG9zaXRvcnkxMjk2MjY5');
    expect(parseLegacyNodeId('MDQ6VXNlcjU4MzIzMQ==')).toEqual({ type: 'User', id: '583231' });
  });

  it('splices cached JSON without confusing look-alike text', () => {
    const composer = new JsonComposer();
    const user = composer.raw('{"login":"a$&b"}');
    const json = composer.stringify({ title: '\u0001 not a placeholder', user });
    expect(JSON.parse(json)).toEqual({ title: '\u0001 not a placeholder', user: { login: 'a$&b' } });
  });

  it('splices a cached value used twice in one item (an issue’s assignee and assignees)', () => {
    const composer = new JsonComposer();
    const user = composer.raw('{"login":"alice"}');
    const json = composer.stringify({
      assignee: user,
      assignees: [user],
      user: composer.raw('{"login":"bob"}'),
    });
    expect(JSON.parse(json)).toEqual({
      assignee: { login: 'alice' },
      assignees: [{ login: 'alice' }],
      user: { login: 'bob' },
    });
  });

  it('page cache evicts least recently used entries beyond its size', () => {
    const cache = new PageCache(3);
    for (const key of ['a', 'b', 'c']) cache.set(key, { hash: key, link: '' });
    cache.get('a');
    cache.set('d', { hash: 'd', link: '' });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.hash).toBe('a');
    expect(cache.get('d')?.hash).toBe('d');
  });

  it('page cache keeps the bodies of the most recently used pages within its byte budget', () => {
    const cache = new PageCache(10, 10);
    const body = (text: string) => Buffer.from(text);
    cache.set('a', { hash: 'a', link: '', body: body('aaaa') });
    cache.set('b', { hash: 'b', link: '', body: body('bbbb') });
    cache.get('a');
    cache.set('c', { hash: 'c', link: '', body: body('cccc') });
    expect(cache.get('b')).toEqual({ hash: 'b', link: '' });
    expect(cache.get('a')?.body?.toString()).toBe('aaaa');
    expect(cache.get('c')?.body?.toString()).toBe('cccc');
    cache.set('big', { hash: 'big', link: '', body: body('x'.repeat(11)) });
    expect(cache.get('big')).toEqual({ hash: 'big', link: '' });
    cache.set('a', { hash: 'a2', link: '' });
    expect(cache.get('a')).toEqual({ hash: 'a2', link: '' });
    cache.clear();
    expect(cache.get('c')).toBeUndefined();
  });
});
