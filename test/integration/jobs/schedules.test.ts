import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Job } from 'bullmq';
import { crawlJobId } from '../../../src/jobs/job-ids.js';
import { CRAWL_REPOSITORY_QUEUE, CRAWL_SCHEDULE_QUEUE } from '../../../src/jobs/queue-names.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { listSchedules } from '../../../src/store/schedule.store.js';
import { startWorkers } from '../../../workers/start-workers.js';
import { runCli } from '../../support/run-cli.js';
import { startJobsFixture, type JobsFixture } from './jobs-fixture.js';

jest.setTimeout(100_000);

describe('schedules: PostgreSQL holds them, one owner at a time reconciles them into BullMQ', () => {
  let world: World;
  let fx: JobsFixture;
  let names: string[];

  beforeAll(async () => {
    world = generateWorld({
      seed: 51,
      repos: 12,
      commitsPerRepo: 20,
      issuesPerRepo: 6,
      commentsPerIssue: 1,
      users: 20,
    });
    fx = await startJobsFixture(world, { credentials: 1 });
    names = world.repos.map((r) => `${r.owner}/${r.name}`);
    const added = await runCli(['repo', 'add', ...names], fx.env);
    expect(added.code).toBe(0);
  });
  afterAll(async () => fx?.close());

  it('concurrent `schedule set` from several processes leaves exactly one scheduler per schedule', async () => {
    const runs = await Promise.all([
      ...Array.from({ length: 4 }, () => runCli(['schedule', 'set', names[0]!, '--every', '6h'], fx.env)),
      ...Array.from({ length: 3 }, () =>
        runCli(['schedule', 'set', '--all', '--cron', '0 */6 * * *'], fx.env),
      ),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const queue = fx.queues.queue(CRAWL_SCHEDULE_QUEUE);
    const schedulers = await queue.getJobSchedulers(0, -1);
    const desired = await listSchedules(fx.db);
    expect(desired).toHaveLength(2);
    expect(schedulers.map((s) => s.key).sort()).toEqual(desired.map((s) => `schedule-${s.id}`).sort());
    // One pending run per scheduler (an `every` scheduler's first run waits, a cron one is delayed):
    // concurrent upserts are known to leave duplicates (bullmq#2988).
    expect(await queue.getJobCountByTypes('delayed', 'waiting', 'prioritized')).toBe(2);
    const list = await runCli(['schedule', 'list', '--json'], fx.env);
    const rows = JSON.parse(list.stdout) as { target: string; cadence: string; nextRunAt: string | null }[];
    expect(rows.map((r) => [r.target, r.cadence]).sort()).toEqual([
      ['all', 'cron 0 */6 * * *'],
      [names[0], 'every 6h'],
    ]);
    expect(rows.every((r) => r.nextRunAt !== null)).toBe(true);
  });

  it('warns with numbers when schedules need more budget than the credentials have', async () => {
    const set = await runCli(['schedule', 'set', '--all', '--every', '1m'], fx.env);
    expect(set.code).toBe(0);
    // 12 repositories × 60 runs/hour × 10 requests against one credential's 5,000/hour.
    expect(set.stderr).toMatch(
      /WARNING schedules need about [\d,]+ requests\/hour .* against 5,000\/hour from 1 credential/,
    );
    const calm = await runCli(['schedule', 'set', '--all', '--every', '1d'], fx.env);
    expect(calm.stderr).not.toContain('WARNING');
  });

  it('remove drops the schedule and its BullMQ scheduler', async () => {
    const removed = await runCli(['schedule', 'remove', '--all'], fx.env);
    expect(removed.code).toBe(0);
    const schedulers = await fx.queues.queue(CRAWL_SCHEDULE_QUEUE).getJobSchedulers(0, -1);
    expect(schedulers).toHaveLength(1);
    const again = await runCli(['schedule', 'remove', '--all'], fx.env);
    expect(again.stdout).toContain('no such schedule');
    const bad = await runCli(['schedule', 'set', names[0]!, '--every', '10s'], fx.env);
    expect(bad.code).toBe(2);
  });

  it('a fired schedule enqueues one crawl flow per repository it covers', async () => {
    const [schedule] = await listSchedules(fx.db);
    const workers = await startWorkers({
      config: fx.config,
      logger: silentLogger,
      roles: ['crawl', 'schedule'],
    });
    try {
      // What BullMQ's scheduler adds when the schedule fires, without waiting six hours.
      const fired = await fx.queues
        .queue(CRAWL_SCHEDULE_QUEUE)
        .add('trigger', { scheduleId: schedule!.id }, { jobId: 'test-fire' });
      const window = new Date(fired.timestamp);
      window.setUTCSeconds(0, 0);
      const parentId = crawlJobId(1, window.toISOString());
      const parents = fx.queues.queue(CRAWL_REPOSITORY_QUEUE);
      let state = 'unknown';
      for (let i = 0; i < 300 && state !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = await parents.getJobState(parentId);
      }
      expect(state).toBe('completed');
      expect((await Job.fromId(parents, parentId))?.returnvalue).toMatchObject({ state: 'ok' });
    } finally {
      await workers.close();
    }
  });
});
