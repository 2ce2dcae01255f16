import type { Command } from 'commander';
import { RedisBudgetLedger, type BudgetSnapshot } from '../../github/index.js';
import {
  announcedCredentials,
  configuredFingerprints,
  hasConfiguredCredentials,
} from '../../jobs/credential-routing.js';
import { listQueueStatus, type QueueStatus } from '../../jobs/queue-status.js';
import { nextRuns } from '../../jobs/reconcile-schedules.js';
import { withJobQueues } from '../../runtime/redis.js';
import { withDatabase } from '../../runtime/with-database.js';
import { listRepositories } from '../../store/repository.store.js';
import { listScheduledRepositoryIds, listSchedules } from '../../store/schedule.store.js';

interface RepositoryStatus {
  repository: string;
  state: string;
  lastSuccessAt: string | null;
  nextDueAt: string | null;
  lastError: string | null;
}

/**
 * `vitals status [--json]`: per repository (state, last success, next due, last error), per
 * credential (fingerprint only: remaining and reset per resource, from the shared Redis budget),
 * per queue (waiting/active/delayed/failed, oldest waiting age). Queue and budget parts need REDIS_URL.
 */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('crawl state per repository, GitHub budget per credential, queue depth and age')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(program.opts<{ config?: string }>().config, async ({ config, logger, database }) => {
        const db = database.db;
        let credentials: BudgetSnapshot[] = [];
        let queues: QueueStatus[] = [];
        const nextDue = new Map<number, Date>();
        if (config.redisUrl) {
          await withJobQueues(config, logger, async (jobQueues) => {
            const ledger = new RedisBudgetLedger({ redis: jobQueues.connection, prefix: config.queuePrefix });
            try {
              credentials = await ledger.snapshot();
            } finally {
              await ledger.close();
            }
            const fingerprints = [
              ...new Set([
                ...(hasConfiguredCredentials(config) ? configuredFingerprints(config) : []),
                ...(await announcedCredentials(jobQueues.connection, config.queuePrefix)),
              ]),
            ];
            queues = await listQueueStatus(jobQueues, fingerprints);
            const runs = await nextRuns(jobQueues);
            for (const schedule of await listSchedules(db)) {
              const at = runs.get(schedule.id);
              if (!at) continue;
              for (const id of await listScheduledRepositoryIds(db, schedule.target))
                if (!nextDue.has(id) || (nextDue.get(id) as Date) > at) nextDue.set(id, at);
            }
          });
        }
        const repositories: RepositoryStatus[] = (await listRepositories(db)).map((r) => ({
          repository: r.fullName,
          state: r.state,
          lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
          nextDueAt: nextDue.get(r.id)?.toISOString() ?? null,
          lastError: r.state === 'ok' ? null : r.stateReason,
        }));
        const out = { repositories, credentials, queues, distributed: config.redisUrl !== undefined };
        process.stdout.write(options.json ? `${JSON.stringify(out, null, 2)}\n` : formatStatus(out));
      });
    });
}

function formatStatus(s: {
  repositories: RepositoryStatus[];
  credentials: BudgetSnapshot[];
  queues: QueueStatus[];
  distributed: boolean;
}): string {
  const lines = [
    table(
      ['REPOSITORY', 'STATE', 'LAST SUCCESS', 'NEXT DUE', 'LAST ERROR'],
      s.repositories.map((r) => [
        r.repository,
        r.state,
        r.lastSuccessAt ?? '-',
        r.nextDueAt ?? '-',
        (r.lastError ?? '').slice(0, 80),
      ]),
    ),
    '',
  ];
  if (!s.distributed) return `${lines.join('\n')}(no REDIS_URL: embedded mode, no queues or shared budget)\n`;
  lines.push(
    table(
      ['CREDENTIAL', 'RESOURCE', 'REMAINING', 'LIMIT', 'RESET', 'IN FLIGHT'],
      s.credentials.flatMap((c) =>
        c.resources.map((r) => [
          c.fingerprint,
          r.resource,
          String(r.remaining ?? '?'),
          String(r.limit ?? '?'),
          r.resetAt ?? '-',
          String(r.inFlight),
        ]),
      ),
    ),
    '',
    table(
      ['QUEUE', 'WAITING', 'ACTIVE', 'DELAYED', 'FAILED', 'OLDEST WAITING', 'RATE LIMITED'],
      s.queues.map((q) => [
        q.queue,
        String(q.waiting),
        String(q.active),
        String(q.delayed),
        String(q.failed),
        q.oldestWaitingAgeSeconds === null ? '-' : `${q.oldestWaitingAgeSeconds}s`,
        q.rateLimitedForMs > 0 ? `${Math.ceil(q.rateLimitedForMs / 1000)}s` : '-',
      ]),
    ),
  );
  return `${lines.join('\n')}\n`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
