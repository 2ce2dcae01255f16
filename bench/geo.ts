import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadGazetteer } from '../src/geo/gazetteer.js';
import { generateWorld, loadSampleWorld } from '../src/sim/worlds/index.js';
import { NEIGHBOURS, labelledRows, measureGeo, type GeoFigures } from './geo-measure.js';
import { measureWorldRepo } from './geo-world.js';

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
  printWorlds();
  if (!existsSync(CSV)) {
    console.log('\nlabelled users: skipped (../shared/data/geo/geo-labelled-dev.csv not found)');
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

/** Simulator worlds know every user's country: outside-China share of commits vs the truth. */
function printWorlds(): void {
  const worlds = [
    ['sample world', loadSampleWorld()],
    [
      'generated world (seed 7, 6 repos)',
      generateWorld({ seed: 7, repos: 6, commitsPerRepo: 1500, users: 400 }),
    ],
  ] as const;
  for (const [name, world] of worlds) {
    console.log(`\n## ${name}: outside-China share of commits (mode mainland, bots excluded)`);
    console.log(
      '  repository  estimate [lower, upper] coverage | truth | error pp | wrong region | truth in bounds',
    );
    for (const repo of world.repos) {
      const f = measureWorldRepo(world, repo);
      const e = f.estimate;
      const pp = (x: number | null) => (x === null ? 'n/a' : (100 * x).toFixed(1));
      const error = e.share !== null && f.trueShare !== null ? Math.abs(e.share - f.trueShare) : null;
      console.log(
        `  ${f.repository}  ${pp(e.share)} [${pp(e.lower)}, ${pp(e.upper)}] ${pp(e.coverage)} | ${pp(f.trueShare)} | ${pp(error)} | ${pp(f.wrongRegionShare)}% | ${e.outsideChina + e.china + e.unknown === 0 ? 'n/a (no commits)' : f.withinBounds === null ? 'n/a (truth partly unknown)' : f.withinBounds ? 'yes' : 'NO'}`,
      );
    }
  }
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
  console.log(
    `company field names one country: ${f.companyHint.rows} rows (${pct(f.companyHint.rows / f.rows)}), agreeing with the label: ${pct(f.companyHint.rows ? f.companyHint.agreeing / f.companyHint.rows : 0)}`,
  );
  if (f.decided === 0) return;
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
