import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { loadSampleWorld } from '../../../src/sim/worlds/index.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';
import { worldCounts } from './crawl-fixture.js';

jest.setTimeout(120_000);

const VITALS = fileURLToPath(new URL('../../../bin/vitals.js', import.meta.url));

function vitals(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITALS, ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('vitals crawl / report / demo', () => {
  let pg: TestPostgres;
  let dataDir: string;

  beforeAll(async () => {
    pg = await createTestPostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'vitals-demo-'));
  });
  afterAll(async () => {
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('rejects bad input with exit code 2 and a clear message', async () => {
    const env = { DATABASE_URL: pg.url };
    const badName = await vitals(['crawl', 'not a/valid name!'], env);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/Invalid repository/);
    const nothing = await vitals(['crawl'], env);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/--all/);
    const unknown = await vitals(['report', 'nobody/nothing', '--json'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/not registered/);
  });

  it('demo: crawls the sample world from the built-in simulator, reports, exits 0 and leaves nothing running', async () => {
    const world = loadSampleWorld();
    const result = await vitals(['demo', '--json'], { VITALS_DATA_DIR: dataDir });
    expect(result.stderr).not.toMatch(/unexpected failure/);
    expect(result.code).toBe(0);
    const { reports } = JSON.parse(result.stdout) as {
      reports: Array<{ repository: string; crawl: { state: string }; counts: Record<string, number> }>;
    };
    const byName = new Map(reports.map((r) => [r.repository, r]));
    expect(reports).toHaveLength(world.repos.length);
    for (const repo of world.repos) {
      const report = byName.get(`${repo.owner}/${repo.name}`);
      const expected = { ok: 'ok', empty: 'empty', gone: 'gone', dmca: 'blocked' }[repo.status];
      expect(report?.crawl.state).toBe(expected);
      if (repo.status === 'ok') expect(report?.counts).toEqual(worldCounts(world, repo));
    }
    // The simulator it started is closed: its port no longer answers.
    const url = /GitHub simulator at (http:\/\/[^\s,]+)/.exec(result.stderr)?.[1];
    expect(url).toBeDefined();
    await expect(fetch(`${url}/_sim/stats`)).rejects.toThrow();
  });
});
