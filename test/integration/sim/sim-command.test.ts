import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const vitals = path.join(root, 'bin', 'vitals.js');

function run(args: string[]) {
  const child = spawn(process.execPath, [vitals, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('vitals sim serve', () => {
  it('prints its URL, serves the sample world with the given config, and stops cleanly on SIGTERM', async () => {
    const running = run(['sim', 'serve', '--sample', '--port', '0', '--config', '{"rateLimit":{"core":77}}']);
    await waitFor(() => running.output().stdout.includes('\n'), 45_000);
    const url = running.output().stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${url}/rate_limit`, { headers: { authorization: 'token cli-test' } });
    expect(((await answer.json()) as { rate: { limit: number } }).rate.limit).toBe(77);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }, 60_000);

  it('exits 2 with a clear message without a world', async () => {
    const running = run(['sim', 'serve']);
    expect(await running.exited).toBe(2);
    expect(running.output().stderr).toContain('Give exactly one of --world DIR or --sample');
  }, 60_000);

  it('exits 2 on a bad port', async () => {
    const running = run(['sim', 'serve', '--sample', '--port', 'http']);
    expect(await running.exited).toBe(2);
    expect(running.output().stderr).toContain('--port must be an integer');
  }, 60_000);
});
