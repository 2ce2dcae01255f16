import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const BIN = fileURLToPath(new URL('../../../bin/vitals.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `vitals ARGS` as a real process with `input` on stdin; no database is configured or needed. */
function vitals(args: string[], input: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', VITALS_GEO_MODE: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const lines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('vitals geo locate (spawned process)', () => {
  it('answers every input line with one JSON line, in order, malformed lines included', async () => {
    const input = [
      JSON.stringify({ login: 'a', location: '北京' }),
      'not json',
      JSON.stringify({ login: 'b', location: 'Taipei', tzOffsets: { '+08:00': 10 } }),
      '',
      JSON.stringify({ login: 'c', location: 42 }),
      JSON.stringify({ login: 'd', tzOffsets: { '-05:00': 30, '-04:00': 20 } }),
      JSON.stringify({ login: 'e', location: 'Earth' }),
    ].join('\n');
    const run = await vitals(['geo', 'locate'], `${input}\n`);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({ login: 'a', country: 'CN', region: 'CN' });
    expect(out[0]?.signals).toEqual([expect.objectContaining({ kind: 'location' })]);
    expect(out[1]).toMatchObject({ line: 2, error: 'not valid JSON' });
    expect(out[2]).toMatchObject({ login: 'b', country: 'TW', region: 'TW' });
    expect(out[3]).toMatchObject({ line: 4, error: 'empty line' });
    expect(out[4]).toMatchObject({ line: 5, login: 'c', error: expect.stringMatching(/^location:/) });
    expect(out[5]).toMatchObject({ login: 'd', country: null, region: 'OTHER' });
    expect(out[6]).toMatchObject({ login: 'e', country: null, region: 'UNKNOWN', confidence: 0 });
  }, 30_000);

  it('takes the mode from --mode, else from the config (VITALS_GEO_MODE)', async () => {
    const input = `${JSON.stringify({ location: 'Hong Kong' })}\n`;
    const byOption = await vitals(['geo', 'locate', '--mode', 'greater-china'], input);
    const byEnv = await vitals(['geo', 'locate'], input, { VITALS_GEO_MODE: 'greater-china-hkmo' });
    const byDefault = await vitals(['geo', 'locate'], input);
    expect(lines(byOption.stdout)[0]).toMatchObject({ country: 'HK', region: 'CN' });
    expect(lines(byEnv.stdout)[0]).toMatchObject({ country: 'HK', region: 'CN' });
    expect(lines(byDefault.stdout)[0]).toMatchObject({ country: 'HK', region: 'HK' });
  }, 30_000);

  it('rejects a bad --mode with exit code 2 and empty input with nothing', async () => {
    const bad = await vitals(['geo', 'locate', '--mode', 'everywhere'], '{}\n');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--mode must be one of/);
    const empty = await vitals(['geo', 'locate'], '');
    expect(empty).toMatchObject({ code: 0, stdout: '' });
  }, 30_000);
});
