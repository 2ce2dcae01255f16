import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import type { RepositoryReport } from '../../../src/cli/commands/report.command.js';
import { runCli } from '../../support/run-cli.js';

jest.setTimeout(180_000);

describe('vitals demo (embedded PGlite) infers geography and reports it per repository', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vitals-geo-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a located geography for every crawled repository, in JSON and in the table', async () => {
    const json = await runCli(['demo', '--json'], { VITALS_DATA_DIR: dataDir });
    expect(json.code).toBe(0);
    expect(json.stderr).toMatch(/geography: \d+ of \d+ people \(re\)inferred/);
    const { reports } = JSON.parse(json.stdout) as { reports: RepositoryReport[] };
    const crawled = reports.filter((r) => r.crawl.state === 'ok');
    expect(crawled.length).toBeGreaterThanOrEqual(5);
    for (const r of crawled) {
      expect(r.geography).toMatchObject({ mode: 'mainland', window: 'all' });
      expect(r.geography!.byCommits.coverage).toBeGreaterThan(0.8);
      expect(r.geography!.monthly.length).toBeGreaterThan(0);
    }
    // A second demo over the same data directory re-infers nobody and prints the table.
    const table = await runCli(['demo'], { VITALS_DATA_DIR: dataDir });
    expect(table.code).toBe(0);
    expect(table.stderr).toMatch(/geography: 0 of \d+ people \(re\)inferred/);
    const lines = table.stdout.split('\n').filter((l) => l.includes('outside China'));
    expect(lines).toHaveLength(reports.length);
    expect(lines[0]).toMatch(/\d+% of commits \(coverage \d+%, bounds \d+%–\d+%\)/);
  });
});
