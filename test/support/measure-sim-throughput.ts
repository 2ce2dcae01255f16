/**
 * Measures how fast the simulator serves list pages: N sequential fetches of distinct 100-issue
 * pages (every page rendered fresh, no cache hits) over real HTTP with keep-alive, zero latency.
 * The simulator runs in a child process so its CPU time is measured apart from the client's.
 *
 *   npx tsx test/support/measure-sim-throughput.ts [pages=2000]
 *
 * Prints JSON: wall-clock pages/s and rows/s, and the server's CPU ms per page (the figure to trust
 * on a busy machine, where wall time includes waiting for other processes).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../src/sim/index.js';
import { bigIssuesWorld } from './sim-worlds.js';

const HIGH_LIMITS = { rateLimit: { core: 10_000_000 }, secondary: { restPointsPerMinute: 10_000_000 } };

if (process.argv[2] === 'serve') {
  const sim = await startSimulator({ world: bigIssuesWorld(Number(process.argv[3])), config: HIGH_LIMITS });
  process.stdout.write(`${sim.url}\n`);
  process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
} else {
  await measure(Number(process.argv[2] ?? 2000));
}

async function measure(pages: number): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', script, 'serve', String(pages * 100)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
  });
  const serverCpuBefore = cpuMsOf(child.pid);
  let rows = 0;
  let bytes = 0;
  const started = performance.now();
  for (let page = 1; page <= pages; page++) {
    const response = await fetch(`${url}/repos/acme/big/issues?state=all&per_page=100&page=${page}`, {
      headers: { authorization: 'token measure' },
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    bytes += text.length;
    rows += (JSON.parse(text) as unknown[]).length;
  }
  const seconds = (performance.now() - started) / 1000;
  const serverCpuMs = cpuMsOf(child.pid) - serverCpuBefore;
  child.kill('SIGTERM');
  console.log(
    JSON.stringify({
      pages,
      rows,
      seconds: Number(seconds.toFixed(2)),
      pagesPerSecond: Math.round(pages / seconds),
      rowsPerSecond: Math.round(rows / seconds),
      megabytes: Math.round(bytes / 1e6),
      serverCpuMsPerPage: Number((serverCpuMs / pages).toFixed(2)),
      serverPagesPerCpuSecond: Math.round((1000 * pages) / serverCpuMs),
    }),
  );
}

/** utime + stime of a process from /proc (Linux; clock ticks of 10 ms), in ms. */
function cpuMsOf(pid: number | undefined): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
