import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { loadGazetteer } from '../../../src/geo/gazetteer.js';
import { normalizeText } from '../../../src/geo/normalize-text.js';

const read = <T>(file: string) =>
  (JSON.parse(readFileSync(new URL(`../../../config/geo/${file}`, import.meta.url), 'utf8')) as { data: T })
    .data;

describe('config/geo data files', () => {
  const gazetteer = loadGazetteer();
  const known = new Set(gazetteer.offsets.keys());

  it('the generated gazetteer is complete enough to be useful', () => {
    expect(known.size).toBeGreaterThanOrEqual(245);
    expect(gazetteer.countries.length).toBeGreaterThanOrEqual(245);
    expect(gazetteer.phrases.size).toBeGreaterThan(30_000);
    // China: +08:00 (and Urumqi's +06:00), no daylight saving since 1991.
    expect(gazetteer.offsets.get('CN')?.standard).toContain('+08:00');
    expect(gazetteer.offsets.get('CN')?.daylight).toEqual([]);
    expect(gazetteer.offsets.get('US')?.daylight).toContain('-04:00');
  });

  it.each(['aliases.json', 'city-exonyms.json', 'companies.json', 'abbreviations.json'])(
    '%s names only real ISO 3166-1 alpha-2 codes',
    (file) => {
      for (const country of Object.keys(read<Record<string, string[]>>(file)))
        expect(known).toContain(country);
    },
  );

  it('email-domains.json names only real ISO codes', () => {
    const tables = read<Record<string, Record<string, string | null> | string[]>>('email-domains.json');
    for (const table of ['webmail', 'academicSuffixes', 'companies', 'platforms'])
      for (const country of Object.values(tables[table] as Record<string, string | null>))
        if (country !== null) expect(known).toContain(country);
  });

  it('no hand-kept alias points at two countries', () => {
    const owner = new Map<string, string>();
    for (const file of ['aliases.json', 'city-exonyms.json'])
      for (const [country, names] of Object.entries(read<Record<string, string[]>>(file)))
        for (const name of names) {
          const key = normalizeText(name);
          expect([key, owner.get(key) ?? country]).toEqual([key, country]);
          owner.set(key, country);
        }
  });

  it('no word that names no place is also an alias', () => {
    const junk = new Set(read<string[]>('junk.json').map(normalizeText));
    for (const names of Object.values(read<Record<string, string[]>>('aliases.json')))
      for (const name of names) expect(junk.has(normalizeText(name))).toBe(false);
  });
});
