import type { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { RedisBudgetLedger } from '../../github/index.js';
import { buildOperatorApp } from '../../http/operator-app.js';
import {
  announcedCredentials,
  configuredFingerprints,
  hasConfiguredCredentials,
} from '../../jobs/credential-routing.js';
import { createJobQueues } from '../../jobs/job-queues.js';
import { createOperatorMetrics } from '../../jobs/operator-metrics.js';
import { deploymentQueues } from '../../jobs/queue-names.js';
import { listQueueStatus } from '../../jobs/queue-status.js';
import { readWorkerMetrics } from '../../jobs/worker-metrics.js';
import { createRedis, pingRedis } from '../../runtime/redis.js';
import { VitalsError } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import { integerOption } from '../option-values.js';

/**
 * `vitals serve [--port 8080] [--host 127.0.0.1] [--board-write]`: for now the operator endpoints —
 * Prometheus `/metrics` (GitHub budget and 403/429 per credential, queue depth and age, job
 * durations, rows upserted; all read from Redis, where workers write them), `/healthz`, and Bull
 * Board at `/queues` behind a VITALS_API_KEYS bearer key (read-only unless --board-write).
 * The HTTP API and dashboard of design §3 are not part of this yet. Stops cleanly on SIGTERM/SIGINT.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve operator endpoints: /metrics (Prometheus), /healthz, /queues (Bull Board)')
    .option('--port <n>', 'TCP port', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--board-write', 'let /queues retry, clean, pause and remove jobs (default: read-only)')
    .action(async (options: { port?: string; host?: string; boardWrite?: boolean }) => {
      const port = integerOption('--port', options.port, 0, 65_535);
      const config = loadConfig({ file: program.opts<{ config?: string }>().config });
      const logger = createLogger(config.logLevel);
      if (!config.redisUrl)
        throw new VitalsError(
          'CONFIG_INVALID',
          '/metrics reads queues and budgets from Redis: set REDIS_URL',
          {
            key: 'REDIS_URL',
          },
        );
      const redis = createRedis(config.redisUrl, 'producer', logger);
      await pingRedis(redis, config.redisUrl);
      const queues = createJobQueues(redis, config.queuePrefix);
      const ledger = new RedisBudgetLedger({ redis, prefix: config.queuePrefix });
      const metrics = createOperatorMetrics(async () => {
        const fingerprints = [
          ...new Set([
            ...(hasConfiguredCredentials(config) ? configuredFingerprints(config) : []),
            ...(await announcedCredentials(redis, config.queuePrefix)),
          ]),
        ];
        const [credentials, queueStatus, workers] = await Promise.all([
          ledger.snapshot(),
          listQueueStatus(queues, fingerprints),
          readWorkerMetrics(redis, config.queuePrefix),
        ]);
        return { credentials, queues: queueStatus, workers };
      });
      // The board shows the queues known at start (credentials configured here or announced by workers).
      const boardQueues = async () =>
        deploymentQueues([
          ...new Set([
            ...(hasConfiguredCredentials(config) ? configuredFingerprints(config) : []),
            ...(await announcedCredentials(redis, config.queuePrefix)),
          ]),
        ]).map((name) => queues.queue(name));
      const board =
        config.apiKeys.length > 0
          ? { queues: await boardQueues(), apiKeys: config.apiKeys, write: options.boardWrite ?? false }
          : undefined;
      const app = buildOperatorApp({ metrics, board });
      const address = await app.listen({ port, host: options.host ?? '127.0.0.1' });
      process.stderr.write(`vitals: serving ${address}/metrics\n`);
      process.stderr.write(
        board
          ? `vitals: queue board at ${address}/queues (Authorization: Bearer <VITALS_API_KEYS key>, ${board.write ? 'READ-WRITE' : 'read-only'})\n`
          : 'vitals: queue board disabled: set VITALS_API_KEYS to enable /queues (it is never served without a key)\n',
      );
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await app.close();
      await ledger.close();
      await queues.close();
      redis.disconnect();
    });
}
