import { describe, expect, it } from '@jest/globals';
import { crawlJobId, scheduleIdOf, schedulerId, stageJobId, windowKey } from '../../../src/jobs/job-ids.js';
import { crawlStagePayload, parsePayload, windowOf } from '../../../src/jobs/crawl-payloads.js';
import { buildCrawlFlow } from '../../../src/jobs/crawl-flow.js';
import { CRAWL_STAGES } from '../../../src/crawl/stages.js';
import { isVitalsError } from '../../../src/shared/errors.js';

describe('job ids and payloads', () => {
  const window = windowOf(new Date('2026-11-29T04:10:37.123Z'));

  it('windows are whole minutes and ids are deterministic, without ":"', () => {
    expect(window).toBe('2026-11-29T04:10:00.000Z');
    expect(windowKey(window)).toBe('20261129T0410');
    expect(crawlJobId(7, window)).toBe('crawl-7-20261129T0410');
    expect(stageJobId(7, window, 'commits')).toBe('crawl-7-20261129T0410-commits');
    expect(crawlJobId(7, window)).not.toContain(':');
    expect(scheduleIdOf(schedulerId(12))).toBe(12);
    expect(scheduleIdOf('repeat:abc')).toBeUndefined();
  });

  it('validates payloads strictly: ids and windows only', () => {
    expect(parsePayload(crawlStagePayload, { repositoryId: 3, window, stage: 'issues' })).toEqual({
      repositoryId: 3,
      window,
      stage: 'issues',
    });
    for (const bad of [
      { repositoryId: 3, window, stage: 'nope' },
      { repositoryId: -1, window, stage: 'issues' },
      { repositoryId: 3, window: '2026-11-29T04:10:37.000Z', stage: 'issues' },
      { repositoryId: 3, window, stage: 'issues', token: 'secret' },
      null,
    ]) {
      let error: unknown;
      try {
        parsePayload(crawlStagePayload, bad);
      } catch (err) {
        error = err;
      }
      expect(isVitalsError(error, 'INPUT_INVALID')).toBe(true);
    }
  });

  it('a crawl flow nests the stages so the metadata stage runs first and users last', () => {
    const flow = buildCrawlFlow(7, window, 'abc123def456');
    expect(flow.queueName).toBe('crawl-repository');
    expect(flow.opts?.jobId).toBe('crawl-7-20261129T0410');
    const order: string[] = [];
    let node = flow.children?.[0];
    while (node) {
      order.unshift(node.name);
      expect(node.queueName).toBe('crawl-stage-abc123def456');
      expect(node.opts?.ignoreDependencyOnFailure).toBe(true);
      expect(Object.keys(node.data as object).sort()).toEqual(['repositoryId', 'stage', 'window']);
      node = node.children?.[0];
    }
    // The deepest child runs first (BullMQ runs children before parents).
    expect(order).toEqual(CRAWL_STAGES.map((s) => s.name));
  });
});
