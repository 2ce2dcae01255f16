/**
 * Measures how fast the simulator serves list pages: sequential fetches of 100-issue pages from a
 * repository with `issues` items, through real HTTP with keep-alive (Node's fetch), zero latency.
 * Run: npx tsx test/support/measure-sim-throughput.ts [pages=2000] [issues=20000]
 */
import { startSimulator } from '../../src/sim/index.js';
import { bigIssuesWorld } from './sim-worlds.js';

const pages = Number(process.argv[2] ?? 2000);
const issueCount = Number(process.argv[3] ?? 20_000);
const world = bigIssuesWorld(issueCount);
const sim = await startSimulator({
  world,
  config: { rateLimit: { core: 1_000_000 }, secondary: { restPointsPerMinute: 1_000_000 } },
});
const token = `bench-${process.pid}`;
const pagesPerPass = Math.ceil(issueCount / 100);
let rows = 0;
let bytes = 0;
const started = performance.now();
const cpuStart = process.cpuUsage();
for (let i = 0; i < pages; i++) {
  const page = (i % pagesPerPass) + 1;
  const response = await fetch(`${sim.url}/repos/acme/big/issues?state=all&per_page=100&page=${page}`, {
    headers: { authorization: `token ${token}` },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  bytes += text.length;
  rows += (JSON.parse(text) as unknown[]).length;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU time is the figure to trust on a busy machine: wall time includes waiting for other processes.
const cpuMsPerPage = (cpu.user + cpu.system) / 1000 / pages;
console.log(
  JSON.stringify({
    pages,
    rows,
    seconds: Number(seconds.toFixed(2)),
    pagesPerSecond: Math.round(pages / seconds),
    rowsPerSecond: Math.round(rows / seconds),
    megabytes: Math.round(bytes / 1e6),
    cpuMsPerPage: Number(cpuMsPerPage.toFixed(2)),
    pagesPerCpuSecond: Math.round(1000 / cpuMsPerPage),
  }),
);
await sim.close();
