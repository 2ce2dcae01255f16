// Child process of the memory benchmark: generates one huge repository and serves it, printing
// `{url, fullName}` on stdout, so that the crawler's RSS is measured without the world in it.
import { startSimulator } from '../src/sim/index.js';
import { generateWorld } from '../src/sim/worlds/index.js';

const commits = Number(process.env['BENCH_COMMITS'] ?? 1_000_000);
const world = generateWorld({
  seed: 1,
  repos: 1,
  commitsPerRepo: commits,
  issuesPerRepo: 100,
  commentsPerIssue: 1,
  users: 300,
});
// GitHub's 5,000 points/hour would make a 1M-commit crawl wait for resets (10,000 history pages):
// this benchmark measures memory, not patience.
const sim = await startSimulator({ world, config: { rateLimit: { core: 1_000_000, graphql: 1_000_000 } } });
const repo = world.repos[0]!;
process.stdout.write(`${JSON.stringify({ url: sim.url, fullName: `${repo.owner}/${repo.name}` })}\n`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
