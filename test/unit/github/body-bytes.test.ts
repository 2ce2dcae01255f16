import { describe, expect, it } from '@jest/globals';
import { arrayBufferOf, parseJsonBytes, utf8Text } from '../../../src/github/body-bytes.js';

const plain = (bytes: Buffer): unknown => JSON.parse(bytes.toString('utf8')) as unknown;
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('parseJsonBytes', () => {
  it.each([
    ['pure ASCII', '[{"id":1,"title":"fix <b> & \\u003c","n":null,"ok":true,"x":-1.5e3}]'],
    ['Latin, CJK and emoji (surrogate pairs)', '[{"login":"zoë","body":"日本語 👍🏽 ✓","b":"é"}]'],
    ['non-ASCII next to escapes', '{"a":"\\u00e9é\\n😀\\"ü\\\\","b":"\\ud83d\\ude00é"}'],
    ['an escaped backslash right before non-ASCII', '{"path":"C:\\\\é\\\\ü"}'],
    ['non-ASCII in keys', '{"clé":1,"ключ":{"ü":[1,"ö"]}}'],
    [
      'a character straddling the 64-byte leaves',
      `{"t":"${'a'.repeat(61)}😀${'b'.repeat(62)}€€${'c'.repeat(200)}ß"}`,
    ],
    ['empty containers and strings', '{"a":[],"b":{},"c":"","d":"ä"}'],
  ])('gives what JSON.parse of the UTF-8 text gives: %s', (_name, text) => {
    const bytes = utf8(text);
    expect(parseJsonBytes(bytes)).toEqual(plain(bytes));
  });

  it('agrees with JSON.parse on random documents', () => {
    const alphabet = [
      'a',
      'Z',
      ' ',
      '"',
      '\\',
      '\n',
      'é',
      'ß',
      '€',
      '日',
      '😀',
      '👍🏽',
      '\u2028',
      '\u00ff',
      '\u0080',
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let doc = 0; doc < 200; doc++) {
      const items = Array.from({ length: 1 + random(30) }, () => {
        const text = Array.from({ length: random(120) }, () => alphabet[random(alphabet.length)]).join('');
        return { [text.slice(0, 5)]: text, n: random(1000) };
      });
      const bytes = utf8(JSON.stringify(items));
      expect(parseJsonBytes(bytes)).toEqual(plain(bytes));
    }
  });

  it('replaces invalid UTF-8 inside strings as Buffer decoding does', () => {
    const bytes = Buffer.concat([
      utf8('{"a":"x'),
      Buffer.from([0xc3, 0xff, 0xe2, 0x82]),
      utf8('y","b":"'),
      Buffer.from([0xf0, 0x9f]),
      utf8('"}'),
    ]);
    expect(parseJsonBytes(bytes)).toEqual(plain(bytes));
  });

  it('throws on invalid JSON, including non-ASCII outside strings', () => {
    expect(() => parseJsonBytes(utf8('{"a":'))).toThrow(SyntaxError);
    expect(() => parseJsonBytes(utf8('[1,é]'))).toThrow(SyntaxError);
    expect(() => parseJsonBytes(utf8('<html>é</html>'))).toThrow(SyntaxError);
  });

  it('reads a body with a byte-order mark (the plain path)', () => {
    expect(parseJsonBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"a":"é"}')]))).toEqual({
      a: 'é',
    });
  });

  it('accepts any Uint8Array view, not only Buffers', () => {
    const backing = utf8('xx{"a":"ü"}yy');
    expect(
      parseJsonBytes(new Uint8Array(backing.buffer, backing.byteOffset + 2, backing.length - 4)),
    ).toEqual({ a: 'ü' });
  });
});

describe('utf8Text and arrayBufferOf', () => {
  it('decode as fetch does: UTF-8 without a byte-order mark; copy exactly the bytes', () => {
    expect(utf8Text(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('héllo')]))).toBe('héllo');
    expect(utf8Text(utf8('\uFEFF\uFEFFx'))).toBe('\uFEFFx');
    const pooled = Buffer.from('abc');
    const copy = arrayBufferOf(pooled);
    expect(copy.byteLength).toBe(3);
    expect(Buffer.from(copy).toString()).toBe('abc');
  });
});
