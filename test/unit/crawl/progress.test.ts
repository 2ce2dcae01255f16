import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { createProgressReporter, formatBudget, formatEta } from '../../../src/cli/progress.js';

describe('progress', () => {
  it('estimates the time left from the pace so far', () => {
    expect(formatEta(0, 10_000, 1, 4)).toBe('ETA 0:30');
    expect(formatEta(0, 10_000, 0, 4)).toBe('ETA --:--');
    expect(formatBudget({ core: 4990, graphql: 12 })).toBe('budget core 4990 graphql 12');
    expect(formatBudget(undefined)).toBe('');
  });

  it('writes one plain line per repository when stderr is not a terminal', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (chunk) => (text += String(chunk)));
    const progress = createProgressReporter({ stream, budget: () => ({ core: 100 }) });
    progress.onEvent({ type: 'crawl-start', total: 2 });
    progress.onEvent({
      type: 'repository-done',
      done: 1,
      total: 2,
      summary: {
        repositoryId: 1,
        fullName: 'o/r',
        state: 'ok',
        stages: [{ stage: 'commits', outcome: 'ok', rows: 42, pages: 1 }],
        failures: [],
        durationMs: 1500,
      },
    });
    progress.finish();
    expect(text).toBe('crawl: 2 repositories\ncrawl: [1/2] o/r ok rows=42 1.5s budget core 100\n');
    expect(text).not.toContain('\x1b');
  });
});
