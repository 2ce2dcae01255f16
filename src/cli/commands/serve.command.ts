import type { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { RedisBudgetLedger } from '../../github/index.js';
import { buildOperatorApp } from '../../http/operator-app.js';
import { announcedCredentials, configuredFingerprints } from '../../jobs/credential-routing.js';
import { createJobQueues } from '../../jobs/job-queues.js';
import { createOperatorMetrics } from '../../jobs/operator-metrics.js';
import { listQueueStatus } from '../../jobs/queue-status.js';
import { createRedis, pingRedis } from '../../runtime/redis.js';
import { VitalsError } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import { integerOption } from './worker.command.js';

/**
 * `vitals serve [--port 8080] [--host 127.0.0.1]`: for now the operator endpoints — Prometheus
 * `/metrics` (GitHub budget per credential, queue depth and age, read from Redis) and `/healthz`.
 * The HTTP API and dashboard of design §3 are not part of this yet. Stops cleanly on SIGTERM/SIGINT.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve operator endpoints: /metrics (Prometheus) and /healthz')
    .option('--port <n>', 'TCP port', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (options: { port?: string; host?: string }) => {
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
            ...(config.github.tokens.length > 0 ? configuredFingerprints(config) : []),
            ...(await announcedCredentials(redis, config.queuePrefix)),
          ]),
        ];
        return { credentials: await ledger.snapshot(), queues: await listQueueStatus(queues, fingerprints) };
      });
      const app = buildOperatorApp({ metrics });
      const address = await app.listen({ port, host: options.host ?? '127.0.0.1' });
      process.stderr.write(`vitals: serving ${address}/metrics\n`);
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
