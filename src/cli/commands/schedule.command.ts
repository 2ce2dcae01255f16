import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config/load-config.js';
import type { Database } from '../../../schema/database.js';
import { estimateScheduleBudget } from '../../jobs/budget-estimate.js';
import { configuredFingerprints, hasConfiguredCredentials } from '../../jobs/credential-routing.js';
import { nextRuns, reconcileSchedules } from '../../jobs/reconcile-schedules.js';
import { describeCadence, parseCron, parseEvery } from '../../jobs/schedule-cadence.js';
import { withJobQueues } from '../../runtime/redis.js';
import { withDatabase } from '../../runtime/with-database.js';
import { VitalsError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { parseRepoName } from '../../shared/repo-name.js';
import { getPortfolioByName } from '../../store/portfolio.store.js';
import { findRepositoryByFullName, registerRepositories } from '../../store/repository.store.js';
import {
  deleteScheduleByTarget,
  listScheduledRepositoryIds,
  listSchedules,
  upsertSchedule,
  type ScheduleTarget,
} from '../../store/schedule.store.js';

interface TargetOptions {
  all?: boolean;
  portfolio?: string;
}

/**
 * `vitals schedule set (OWNER/NAME|--all|--portfolio P) (--every 6h|--cron '…')`, `schedule list`,
 * `schedule remove`. The desired schedules live in PostgreSQL; with REDIS_URL they are reconciled
 * into BullMQ job schedulers right away (under a lease; workers also reconcile every minute).
 */
export function registerScheduleCommand(program: Command): void {
  const schedule = program.command('schedule').description('recurring crawls (run by `vitals worker`)');
  const configFile = () => program.opts<{ config?: string }>().config;

  schedule
    .command('set')
    .description('crawl a repository, every repository or a portfolio on a cadence')
    .argument('[name]', 'OWNER/NAME (registered if new)')
    .option('--all', 'every registered repository')
    .option('--portfolio <name>', 'the repositories of this portfolio')
    .option('--every <duration>', 'e.g. 30m, 6h, 1d')
    .option('--cron <pattern>', "five cron fields in UTC, e.g. '0 */6 * * *'")
    .option('--json', 'print the schedule as JSON')
    .action(
      async (
        name: string | undefined,
        options: TargetOptions & { every?: string; cron?: string; json?: boolean },
      ) => {
        checkTarget(name, options);
        if ((options.every === undefined) === (options.cron === undefined))
          throw new VitalsError(
            'INPUT_INVALID',
            'Give the cadence with --every DURATION or --cron PATTERN (one of them)',
          );
        const cadence =
          options.every !== undefined ? parseEvery(options.every) : parseCron(options.cron ?? '');
        await withDatabase(configFile(), async ({ config, logger, database }) => {
          const target = await resolveTarget(database.db, name, options, true);
          const saved = await upsertSchedule(database.db, target, cadence);
          await applySchedules(config, logger, database.db);
          await warnAboutBudget(config, database.db);
          if (options.json) process.stdout.write(`${JSON.stringify(scheduleJson(saved), null, 2)}\n`);
          else
            process.stdout.write(`schedule ${saved.id}: ${saved.label} ${describeCadence(saved.cadence)}\n`);
        });
      },
    );

  schedule
    .command('list')
    .description('list schedules with their next run')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(configFile(), async ({ config, logger, database }) => {
        const schedules = await listSchedules(database.db);
        const next = config.redisUrl
          ? await withJobQueues(config, logger, nextRuns)
          : new Map<number, Date>();
        const rows = schedules.map((s) => ({
          ...scheduleJson(s),
          nextRunAt: next.get(s.id)?.toISOString() ?? null,
        }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) process.stdout.write('no schedules\n');
        for (const r of rows)
          process.stdout.write(`${r.id}\t${r.target}\t${r.cadence}\tnext ${r.nextRunAt ?? '-'}\n`);
      });
    });

  schedule
    .command('remove')
    .description('stop a schedule')
    .argument('[name]', 'OWNER/NAME')
    .option('--all', 'the schedule of every repository')
    .option('--portfolio <name>', "the portfolio's schedule")
    .action(async (name: string | undefined, options: TargetOptions) => {
      checkTarget(name, options);
      await withDatabase(configFile(), async ({ config, logger, database }) => {
        const target = await resolveTarget(database.db, name, options, false);
        const removed = await deleteScheduleByTarget(database.db, target);
        await applySchedules(config, logger, database.db);
        process.stdout.write(removed ? 'schedule removed\n' : 'there was no such schedule (no change)\n');
      });
    });
}

function checkTarget(name: string | undefined, options: TargetOptions): void {
  const given = [name !== undefined, options.all === true, options.portfolio !== undefined].filter(Boolean);
  if (given.length !== 1)
    throw new VitalsError('INPUT_INVALID', 'Name one target: OWNER/NAME, --all or --portfolio NAME');
}

async function resolveTarget(
  db: Kysely<Database>,
  name: string | undefined,
  options: TargetOptions,
  register: boolean,
): Promise<ScheduleTarget> {
  if (options.all) return { kind: 'all' };
  if (options.portfolio !== undefined)
    return { kind: 'portfolio', portfolioId: (await getPortfolioByName(db, options.portfolio)).id };
  const repoName = parseRepoName(name ?? '');
  const fullName = `${repoName.owner}/${repoName.name}`;
  if (register) await registerRepositories(db, [repoName]);
  const repository = await findRepositoryByFullName(db, fullName);
  if (!repository)
    throw new VitalsError('REPO_NOT_REGISTERED', `${fullName} is not registered`, { repository: fullName });
  return { kind: 'repository', repositoryId: repository.id };
}

async function applySchedules(config: Config, logger: Logger, db: Kysely<Database>): Promise<void> {
  if (!config.redisUrl) {
    process.stderr.write('vitals: saved; schedules run on `vitals worker`, which needs REDIS_URL\n');
    return;
  }
  const report = await withJobQueues(config, logger, (queues) =>
    reconcileSchedules(db, queues, { waitMs: 30_000 }),
  );
  if (!report)
    throw new VitalsError(
      'INTERNAL',
      'Another process kept the schedule lease for 30 s; run the command again',
    );
}

async function warnAboutBudget(config: Config, db: Kysely<Database>): Promise<void> {
  const schedules = await listSchedules(db);
  const sized = await Promise.all(
    schedules.map(async (schedule) => ({
      schedule,
      repositories: (await listScheduledRepositoryIds(db, schedule.target)).length,
    })),
  );
  const estimate = estimateScheduleBudget(
    sized,
    configuredFingerprints(config).length,
    hasConfiguredCredentials(config),
  );
  if (estimate.overBudget)
    process.stderr.write(`vitals: WARNING ${estimate.message}: crawls will queue behind the budget\n`);
}

function scheduleJson(s: Awaited<ReturnType<typeof listSchedules>>[number]) {
  return {
    id: s.id,
    target: s.label,
    cadence: describeCadence(s.cadence),
    updatedAt: s.updatedAt.toISOString(),
  };
}
