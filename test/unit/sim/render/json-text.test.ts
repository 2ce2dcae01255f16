import { describe, expect, it } from '@jest/globals';
import { jsonPart, jsonString, jsonValue } from '../../../../src/sim/render/json-text.js';
import { utc } from '../../../../src/sim/graphql/models.js';

// Direct renderers rely on these giving exactly what JSON.stringify / Date would.
const TEXTS = [
  '',
  'plain ascii',
  'quote " and backslash \\',
  'controls \n\r\t\b\f\u0000\u001f and \u007f',
  'Łukasz Wąs — 修正 😀',
  'lone high \ud800 and low \udc00 surrogates',
  'pair split \ud83d',
  '\u2028\u2029 separators',
];

describe('JSON text helpers', () => {
  it.each(TEXTS)('jsonString(%j) is JSON.stringify', (text) => {
    expect(jsonString(text)).toBe(JSON.stringify(text));
    expect(jsonValue(text)).toBe(JSON.stringify(text));
    expect(`"${jsonPart(text)}"`).toBe(JSON.stringify(text));
  });

  it('jsonValue and jsonPart on numbers, booleans and null', () => {
    for (const value of [0, -0, 12, 1.5, Number.NaN, Infinity, true, false, null]) {
      expect(jsonValue(value)).toBe(JSON.stringify(value));
    }
    expect(jsonPart(42)).toBe('42');
    expect(jsonPart(undefined)).toBe('undefined');
  });

  it('GraphQL DateTime: canonical instants as given, anything else through Date', () => {
    const slow = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const iso of [
      '2024-06-27T05:04:09Z',
      '2024-02-29T23:59:59Z',
      '2023-02-29T00:00:00Z',
      '2024-04-31T12:00:00Z',
      '2024-06-27T05:04:09.123Z',
      '2024-06-27T07:04:09+02:00',
      '0999-01-01T00:00:00Z',
    ]) {
      expect(utc(iso)).toBe(slow(iso));
    }
  });
});
