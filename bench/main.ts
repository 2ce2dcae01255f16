/**
 * `npm run bench -- NAME…` runs the named benchmarks (all when none is named); each prints its figures.
 * Register a benchmark with one line below.
 */
const benchmarks: Record<string, () => Promise<void>> = {
  'scale-out': async () => (await import('./scale-out.js')).runScaleOutBench(),
  geo: async () => (await import('./geo.js')).runGeoBench(),
  'score-pure': async () => (await import('./score-pure.js')).runScorePureBench(),
  score: async () => (await import('./score.js')).runScoreBench(),
  'crawl-efficiency': async () => (await import('./crawl.js')).runCrawlEfficiencyBench(),
  ingest: async () => (await import('./crawl.js')).runIngestBench(),
  memory: async () => (await import('./crawl.js')).runMemoryBench(),
  'client-overhead': async () => (await import('./client-overhead.js')).runClientOverheadBench(),
  store: async () => (await import('./store.js')).runStoreBench(),
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  console.log(`# ${name}`);
  await benchmarks[name]!();
}
