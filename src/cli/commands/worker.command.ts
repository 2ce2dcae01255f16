import type { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { WORKER_ROLES, type WorkerRole } from '../../jobs/queue-names.js';
import { VitalsError } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import { startWorkers } from '../../../workers/start-workers.js';
import { integerOption } from '../option-values.js';

interface WorkerOptions {
  queues?: string;
  concurrency?: string;
  drainTimeout?: string;
  lockDuration?: string;
  stalledInterval?: string;
}

/**
 * `vitals worker [--queues crawl,analyse,schedule] [--concurrency N]`: BullMQ workers until SIGTERM/SIGINT,
 * which drains in-flight jobs within `--drain-timeout` seconds, then aborts their GitHub requests
 * (the jobs go back to wait, nothing is lost) and exits 0.
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'process crawl, analyse (geography, score) and schedule jobs from Redis (REDIS_URL) until SIGTERM',
    )
    .option('--queues <roles>', `comma-separated roles: ${WORKER_ROLES.join(', ')}`, WORKER_ROLES.join(','))
    .option('--concurrency <n>', 'jobs at once per queue', '2')
    .option('--drain-timeout <seconds>', 'on SIGTERM, wait this long for jobs in flight', '30')
    .option('--lock-duration <ms>', "a dead worker's jobs are taken over after about this long", '30000')
    .option('--stalled-interval <ms>', 'how often to look for jobs of dead workers', '15000')
    .action(async (options: WorkerOptions) => {
      const roles = parseRoles(options.queues ?? '');
      const concurrency = integerOption('--concurrency', options.concurrency, 1, 64);
      const drainTimeoutMs = integerOption('--drain-timeout', options.drainTimeout, 0, 3600) * 1000;
      const lockDurationMs = integerOption('--lock-duration', options.lockDuration, 1000, 600_000);
      const stalledIntervalMs = integerOption('--stalled-interval', options.stalledInterval, 500, 600_000);
      const config = loadConfig({ file: program.opts<{ config?: string }>().config });
      const logger = createLogger(config.logLevel);
      const running = await startWorkers({
        config,
        logger,
        roles,
        concurrency,
        drainTimeoutMs,
        lockDurationMs,
        stalledIntervalMs,
      });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'shutting down: draining jobs in flight');
          running.close().then(resolve, resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}

function parseRoles(text: string): WorkerRole[] {
  const roles = text
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(WORKER_ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length > 0)
    throw new VitalsError(
      'INPUT_INVALID',
      `--queues takes ${WORKER_ROLES.join(', ')} (comma-separated), got ${JSON.stringify(text)}`,
    );
  return roles as WorkerRole[];
}
