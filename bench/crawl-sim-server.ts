// Child process of the crawler benchmarks: generates a world and serves it, printing `{url, fullName}`
// on stdout, so that the crawling process is measured without the world (memory) or the simulator's
// CPU in it. BENCH_WORLD=medium serves the ingest world; otherwise one repository of BENCH_COMMITS.
// Asked over IPC ('cpu'), it answers its CPU time so far (server CPU per request in the figures).
import { startSimulator } from '../src/sim/index.js';
import { generateWorld } from '../src/sim/worlds/index.js';
import { MEDIUM_WORLD } from './crawl-worlds.js';

const commits = Number(process.env['BENCH_COMMITS'] ?? 1_000_000);
const world = generateWorld(
  process.env['BENCH_WORLD'] === 'medium'
    ? MEDIUM_WORLD
    : { seed: 1, repos: 1, commitsPerRepo: commits, issuesPerRepo: 100, commentsPerIssue: 1, users: 300 },
);
// GitHub's 5,000 points/hour would make a 1M-commit crawl wait for resets (10,000 history pages):
// this benchmark measures memory, not patience.
const sim = await startSimulator({ world, config: { rateLimit: { core: 1_000_000, graphql: 1_000_000 } } });
const repo = world.repos[0]!;
process.stdout.write(`${JSON.stringify({ url: sim.url, fullName: `${repo.owner}/${repo.name}` })}\n`);
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage(), stats: sim.stats() });
});
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
