import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadGazetteer } from '../src/geo/gazetteer.js';
import { NEIGHBOURS, labelledRows, measureGeo, type GeoFigures } from './geo-measure.js';

/** The labelled set lives beside the checkout, in ../shared/data/geo (never committed here). */
const CSV = fileURLToPath(new URL('../../shared/data/geo/geo-labelled-dev.csv', import.meta.url));

/** `npm run bench -- geo`: accuracy of the location/company classifier on labelled users (docs/geo.md). */
export async function runGeoBench(): Promise<void> {
  const started = performance.now();
  const rssBefore = process.memoryUsage().rss;
  loadGazetteer();
  console.log(
    `gazetteer load: ${Math.round(performance.now() - started)} ms, +${Math.round((process.memoryUsage().rss - rssBefore) / 1e6)} MB RSS`,
  );
  if (!existsSync(CSV)) {
    console.log('geo: skipped (../shared/data/geo/geo-labelled-dev.csv not found)');
    return;
  }
  const rows = labelledRows(readFileSync(CSV, 'utf8'));
  const t0 = performance.now();
  const full = measureGeo(rows, { maskLocation: false });
  const perRowMs = (performance.now() - t0) / rows.length;
  console.log(`\n## location + company (${rows.length} rows, ${perRowMs.toFixed(3)} ms/row)`);
  print(full);
  console.log('\n## location masked (company only; the CSV has no email or offsets)');
  print(measureGeo(rows, { maskLocation: true }));
}

function print(f: GeoFigures): void {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  console.log(`accuracy on decided: ${pct(f.accuracyOnDecided)} (${f.correct}/${f.decided})`);
  console.log(
    `abstained (no country): ${pct(f.abstained)} (${f.rows - f.decided}/${f.rows}); region decided: ${f.regionDecided}`,
  );
  console.log(
    `CN precision ${pct(f.cn.precision)} (${f.cn.truePositives}/${f.cn.predicted}), recall ${pct(f.cn.recall)} (${f.cn.truePositives}/${f.cn.support})`,
  );
  console.log('per label (top 20 by support): label support predicted precision recall');
  for (const l of f.perLabel.slice(0, 20))
    console.log(`  ${l.label} ${l.support} ${l.predicted} ${pct(l.precision)} ${pct(l.recall)}`);
  const columns = [...NEIGHBOURS, '*', '?'];
  console.log(
    `confusion (rows truth, columns predicted; * other country, ? abstained)\n  ${['  ', ...columns].map((c) => c.padStart(4)).join('')}`,
  );
  for (const truth of NEIGHBOURS)
    console.log(
      `  ${[truth, ...columns.map((c) => String(f.confusion[truth]?.[c] ?? 0))].map((c) => c.padStart(4)).join('')}`,
    );
}
