import { describe, expect, it } from '@jest/globals';
import {
  jsonBytes,
  JsonBytesWriter,
  markRawInside,
  rawJson,
  utf8Slice,
} from '../../../src/sim/json-bytes.js';

// jsonBytes must give exactly the bytes of JSON.stringify, whatever the values.
describe('jsonBytes', () => {
  it.each([
    [
      'a GraphQL-shaped answer',
      { data: { repository: { nodes: [{ name: '北京', n: 1 }, { name: 'plain' }] } } },
    ],
    ['members JSON.stringify leaves out', { a: undefined, b: () => 1, c: Symbol('x'), d: null, e: 'kept' }],
    ['array entries JSON.stringify writes as null', [undefined, () => 1, null, 0, [1, [2, { x: '🚀' }]]]],
    ['escapes and lone surrogates', { 'k"\\\n': 'quote " backslash \\ \u0001 \u2028 \ud800 end' }],
    ['toJSON and dates', { when: new Date(0), custom: { toJSON: () => 'custom' } }],
    ['null-prototype objects', Object.assign(Object.create(null) as object, { x: [1, 2] })],
    ['scalars', 'text'],
    ['numbers', { n: [NaN, Infinity, -0, 1e21, 0.1] }],
  ])('%s', (_name, value) => {
    expect(jsonBytes(value).toString('utf8')).toBe(JSON.stringify(value));
    expect(jsonBytes(value).equals(Buffer.from(JSON.stringify(value)))).toBe(true);
  });

  it('grows its buffer past the initial size', () => {
    const big = Array.from({ length: 3_000 }, (_, i) => ({ i, text: `${'é'.repeat(40)}${i}` }));
    expect(jsonBytes(big).equals(Buffer.from(JSON.stringify(big)))).toBe(true);
    const writer = new JsonBytesWriter();
    writer.text('x'.repeat(200_000));
    expect(writer.bytes().length).toBe(200_000);
  });

  it('writers alive at the same time do not share bytes, and finished pages stay intact', () => {
    const outer = new JsonBytesWriter();
    outer.text('outer');
    const inner = new JsonBytesWriter();
    inner.text('inner');
    const done = inner.bytes();
    outer.text('-more');
    const next = new JsonBytesWriter();
    next.text('XXXXXXXXXXXXXXX');
    expect(outer.bytes().toString()).toBe('outer-more');
    expect(done.toString()).toBe('inner');
    expect(next.bytes().toString()).toBe('XXXXXXXXXXXXXXX');
    expect(done.toString()).toBe('inner');
  });
});

describe('cached encodings', () => {
  it('utf8Slice gives the bytes of Buffer.from, across slabs and for big texts', () => {
    for (const text of [
      '',
      'plain',
      'é北京🚀\ud800',
      'x'.repeat(300_000),
      ...Array.from({ length: 2_000 }, (_, i) => `${'ü'.repeat(i % 700)}${i}`),
    ]) {
      expect(utf8Slice(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });

  it('an object of RawJson members only is joined as JSON.stringify would write it', () => {
    const node = { oid: 'abc', author: { name: 'Zoë' } };
    const raw = rawJson(node);
    expect(jsonBytes({ data: raw }).toString('utf8')).toBe(JSON.stringify({ data: node }));
    expect(jsonBytes({ 'k"é': raw, skipped: undefined, other: raw }).toString('utf8')).toBe(
      JSON.stringify({ 'k"é': node, other: node }),
    );
    expect(jsonBytes({ data: raw, errors: [{ message: 'm' }] }).toString('utf8')).toBe(
      JSON.stringify({ data: node, errors: [{ message: 'm' }] }),
    );
  });

  it('RawJson is spliced wherever it sits, including inside marked array elements', () => {
    const node = { oid: 'abc', author: { name: 'Zoë' } };
    const raw = rawJson(node);
    const edge = { cursor: 'c', node: raw };
    markRawInside(edge);
    const list = [raw];
    markRawInside(list);
    const container = { nested: list };
    markRawInside(container);
    const outer = rawJson(container);
    const answer = { data: { nodes: [raw, raw], single: raw, edges: [edge], outer } };
    const expected = {
      data: { nodes: [node, node], single: node, edges: [{ cursor: 'c', node }], outer: { nested: [node] } },
    };
    expect(jsonBytes(answer).toString('utf8')).toBe(JSON.stringify(expected));
  });
});
