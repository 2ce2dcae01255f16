import { readFileSync } from 'node:fs';
import { hasCjk, normalizeText } from './normalize-text.js';

/**
 * The offline gazetteer: config/geo data files (GeoNames cities and first-level divisions, country names
 * in many languages, our alias tables) indexed by normalised phrase. Built once, on first use (~0.2 s).
 */

export type PlaceSource = 'country' | 'alias' | 'admin1' | 'city' | 'code';

export interface PlaceReading {
  country: string;
  source: PlaceSource;
  /** Cities only: inhabitants, to lean ambiguous names ("Paris") towards the bigger place. */
  population: number;
  /**
   * Cities only: inhabitants × (developers per country prior)^¼: how many GitHub users a place of this
   * name likely holds ("Santa Clara" leans to California rather than Cuba).
   */
  draw: number;
}

export interface Gazetteer {
  /** Readings of a normalised phrase (country names, aliases, divisions, cities). */
  phrases: ReadonlyMap<string, readonly PlaceReading[]>;
  /** Readings of trailing two/three-letter codes ("WA", "CA", "DE"). */
  codes: ReadonlyMap<string, readonly PlaceReading[]>;
  /** CJK phrases for longest-match scanning of text without spaces, longest first. */
  cjkPhrases: readonly string[];
  junk: ReadonlySet<string>;
  countries: readonly string[];
  offsets: ReadonlyMap<string, { standard: readonly string[]; daylight: readonly string[] }>;
  prior: ReadonlyMap<string, number>;
  emailDomains: EmailDomainTables;
  companies: ReadonlyMap<string, string>;
}

export interface EmailDomainTables {
  webmail: ReadonlyMap<string, string>;
  academicSuffixes: ReadonlyMap<string, string>;
  companies: ReadonlyMap<string, string | null>;
  platforms: ReadonlyMap<string, string>;
  noSignal: ReadonlySet<string>;
  genericCountryTlds: ReadonlySet<string>;
}

/** How much developer density (config/geo/prior.json) tilts homonym cities: a fourth root, a nudge. */
const DRAW_EXPONENT = 0.25;

let cached: Gazetteer | undefined;

export function loadGazetteer(): Gazetteer {
  cached ??= buildGazetteer();
  return cached;
}

function readData<T>(file: string): T {
  const url = new URL(`../../config/geo/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { data: T }).data;
}

function buildGazetteer(): Gazetteer {
  const priorFile = JSON.parse(
    readFileSync(new URL('../../config/geo/prior.json', import.meta.url), 'utf8'),
  ) as { floor: number; data: Record<string, number> };
  const developers = (country: string) => priorFile.data[country] ?? priorFile.floor;
  const junk = new Set(readData<string[]>('junk.json').map(normalizeText));
  const phrases = new Map<string, PlaceReading[]>();
  const add = (name: string, country: string, source: PlaceSource, population = 0) => {
    const key = normalizeText(name);
    // Two-letter names ("US", "IN") are read only as codes, where position says they are codes.
    if (key.length < 2 || (key.length === 2 && !hasCjk(key) && source !== 'alias')) return;
    // Words that name no place ("Island" is Iceland in German; "North" a Cameroonian region) never match.
    if (junk.has(key)) return;
    // "Pointe-Noire" is also written "Pointe Noire"; "St. Louis" as "St Louis".
    const spaced = key.replace(/[-.]/g, ' ').replace(/\s+/g, ' ').trim();
    if (spaced !== key && spaced.length > 2) addKey(spaced, country, source, population);
    addKey(key, country, source, population);
  };
  const addKey = (key: string, country: string, source: PlaceSource, population: number) => {
    const list = phrases.get(key) ?? [];
    const draw = population * Math.pow(developers(country), DRAW_EXPONENT);
    const same = list.find((r) => r.country === country && r.source === source);
    if (same) {
      same.population = Math.max(same.population, population);
      same.draw = Math.max(same.draw, draw);
    } else list.push({ country, source, population, draw });
    phrases.set(key, list);
  };

  const names = readData<Record<string, string[]>>('generated/country-names.json');
  for (const [country, list] of Object.entries(names)) for (const name of list) add(name, country, 'country');
  for (const file of ['aliases.json', 'city-exonyms.json'])
    for (const [country, list] of Object.entries(readData<Record<string, string[]>>(file)))
      for (const name of list) add(name, country, 'alias');
  for (const [name, country] of readData<Array<[string, string]>>('generated/admin1.json'))
    add(name, country, 'admin1');
  for (const [name, country, population] of readData<Array<[string, string, number]>>(
    'generated/cities.json',
  ))
    add(name, country, 'city', population);

  const codes = new Map<string, PlaceReading[]>();
  const addCode = (code: string, country: string) => {
    const list = codes.get(code) ?? [];
    if (!list.some((r) => r.country === country))
      list.push({ country, source: 'code', population: 0, draw: 0 });
    codes.set(code, list);
  };
  for (const country of Object.keys(names)) addCode(country.toLowerCase(), country);
  for (const [country, list] of Object.entries(readData<Record<string, string[]>>('abbreviations.json')))
    for (const code of list) addCode(code, country);

  const cjkPhrases = [...phrases.keys()].filter(hasCjk).sort((a, b) => b.length - a.length);
  const offsets = readData<Record<string, { standard: string[]; daylight: string[] }>>(
    'generated/country-offsets.json',
  );
  const countries = Object.keys(names).sort();
  const prior = new Map(countries.map((c) => [c, developers(c)]));

  const email = readData<{
    webmail: Record<string, string>;
    academicSuffixes: Record<string, string>;
    companies: Record<string, string | null>;
    platforms: Record<string, string>;
    noSignal: string[];
    genericCountryTlds: string[];
  }>('email-domains.json');
  const companies = new Map<string, string>();
  for (const [country, list] of Object.entries(readData<Record<string, string[]>>('companies.json')))
    for (const name of list) companies.set(normalizeText(name), country);

  return {
    phrases,
    codes,
    cjkPhrases,
    junk,
    countries,
    offsets: new Map(Object.entries(offsets)),
    prior,
    emailDomains: {
      webmail: new Map(Object.entries(email.webmail)),
      academicSuffixes: new Map(Object.entries(email.academicSuffixes)),
      companies: new Map(Object.entries(email.companies)),
      platforms: new Map(Object.entries(email.platforms)),
      noSignal: new Set(email.noSignal),
      genericCountryTlds: new Set(email.genericCountryTlds),
    },
    companies,
  };
}
