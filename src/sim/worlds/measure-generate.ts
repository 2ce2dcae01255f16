/**
 * Measures generateWorld for a large history: `node --expose-gc --import tsx
 * src/sim/worlds/measure-generate.ts [COMMITS] [ISSUES]` prints time and retained heap as JSON.
 */
import { generateWorld } from './generate-world.js';

const commits = Number(process.argv[2] ?? 1_000_000);
const issues = Number(process.argv[3] ?? 20_000);
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
const world = generateWorld({ seed: 1, commitsPerRepo: commits, issuesPerRepo: issues, users: 2_000 });
const durationMs = Math.round(performance.now() - started);
collect?.();
const after = process.memoryUsage();
const repo = world.repos[0];
console.log(
  JSON.stringify({
    commits: repo?.commits.length,
    issuesAndPulls: repo?.issues.length,
    issueComments: repo?.issueComments.length,
    durationMs,
    retainedHeapMB: Math.round((after.heapUsed - before) / 1e6),
    rssMB: Math.round(after.rss / 1e6),
    exactHeap: collect !== undefined,
  }),
);
