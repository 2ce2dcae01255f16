import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import type { CrawlSummary } from '../../crawl/run-crawl.js';
import { withDatabase } from '../../runtime/with-database.js';
import { VitalsError } from '../../shared/errors.js';
import { parseRepoName } from '../../shared/repo-name.js';
import { getPortfolioByName } from '../../store/portfolio.store.js';
import { listRepositories, registerRepositories } from '../../store/repository.store.js';
import { crawlInProcess } from '../crawl-session.js';
import { analyseAfterCrawl } from '../after-crawl-step.js';
import { crawlQueued } from '../crawl-queued.js';

interface CrawlOptions {
  all?: boolean;
  portfolio?: string;
  wait?: boolean;
  json?: boolean;
  concurrency?: string;
}

/**
 * `vitals crawl [OWNER/NAME…|--all|--portfolio P] [--wait]`. Without REDIS_URL the crawl runs here,
 * in-process (it always waits). Exit 0 when every repository was crawled or found gone, blocked or
 * empty (recorded so); 1 when some work could not be completed; 2 on bad input.
 */
export function registerCrawlCommand(program: Command): void {
  program
    .command('crawl')
    .description('crawl repositories from GitHub into the database (incremental after the first run)')
    .argument('[names...]', 'OWNER/NAME of repositories (registered if new)')
    .option('--all', 'every registered repository')
    .option('--portfolio <name>', 'the repositories of this portfolio')
    .option('--wait', 'wait until the crawl finished (always so without REDIS_URL)')
    .option('--concurrency <n>', 'repositories crawled at once', '3')
    .option('--json', 'print the summary as JSON')
    .action(async (inputs: string[], options: CrawlOptions) => {
      const selectors = [inputs.length > 0, options.all === true, options.portfolio !== undefined].filter(
        Boolean,
      );
      if (selectors.length !== 1)
        throw new VitalsError(
          'INPUT_INVALID',
          'Name repositories (OWNER/NAME…), or use --all, or --portfolio NAME (one of them)',
        );
      const concurrency = Number(options.concurrency ?? '3');
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
        throw new VitalsError(
          'INPUT_INVALID',
          `--concurrency must be an integer from 1 to 32, got ${options.concurrency}`,
        );
      const names = inputs.map((input) => parseRepoName(input));
      const configFile = program.opts<{ config?: string }>().config;
      await withDatabase(configFile, async ({ config, logger, database }) => {
        const ids = await selectRepositories(database.db, names, options);
        if (ids.length === 0) {
          process.stderr.write('vitals: no repositories to crawl\n');
          return;
        }
        if (config.redisUrl) {
          // Distributed mode (issue 4): enqueue for `vitals worker`; --wait follows the flows.
          const queued = await crawlQueued(config, database.db, logger, ids, { wait: options.wait === true });
          if (queued) {
            // --wait: the workers crawled, located and scored (analyse-repository jobs) already.
            process.stdout.write(
              options.json ? `${JSON.stringify(summaryJson(queued), null, 2)}\n` : formatSummary(queued),
            );
            if (!queued.completed) process.exitCode = 1;
          }
          return;
        }
        const controller = new AbortController();
        const stop = () => controller.abort(new VitalsError('INTERNAL', 'crawl interrupted'));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          const summary = await crawlInProcess(config, database.db, logger, ids, {
            concurrency,
            signal: controller.signal,
          });
          // Geography after the users stage (issue 5; only changed people are re-inferred), then a score.
          if (!controller.signal.aborted) await analyseAfterCrawl(database.db, ids, config.geoMode);
          process.stdout.write(
            options.json ? `${JSON.stringify(summaryJson(summary), null, 2)}\n` : formatSummary(summary),
          );
          if (!summary.completed) process.exitCode = 1;
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      });
    });
}

async function selectRepositories(
  db: Kysely<Database>,
  names: ReturnType<typeof parseRepoName>[],
  options: CrawlOptions,
): Promise<number[]> {
  if (options.all) return (await listRepositories(db)).map((r) => r.id);
  if (options.portfolio !== undefined) {
    await getPortfolioByName(db, options.portfolio);
    return (await listRepositories(db, { portfolio: options.portfolio })).map((r) => r.id);
  }
  const registered = await registerRepositories(db, names);
  for (const r of registered.added) process.stderr.write(`vitals: registered ${r.fullName}\n`);
  return [...registered.added, ...registered.existing].map((r) => r.id);
}

export function summaryJson(summary: CrawlSummary) {
  return {
    completed: summary.completed,
    durationMs: summary.durationMs,
    repositories: summary.repositories.map((r) => ({
      repository: r.fullName,
      state: r.state,
      rows: r.stages.reduce((sum, s) => sum + s.rows, 0),
      pages: r.stages.reduce((sum, s) => sum + s.pages, 0),
      durationMs: r.durationMs,
      stages: r.stages.map((s) => ({ stage: s.stage, outcome: s.outcome, rows: s.rows, pages: s.pages })),
      failures: r.failures,
    })),
  };
}

export function formatSummary(summary: CrawlSummary): string {
  const rows = summary.repositories.map((r) => [
    r.fullName,
    r.state,
    String(r.stages.reduce((sum, s) => sum + s.rows, 0)),
    String(r.stages.reduce((sum, s) => sum + s.pages, 0)),
    `${(r.durationMs / 1000).toFixed(1)}s`,
    r.failures.map((f) => `${f.stage}: ${f.code}`).join('; '),
  ]);
  const header = ['REPOSITORY', 'STATE', 'ROWS', 'REQUESTS', 'TIME', 'PROBLEMS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const counts = new Map<string, number>();
  for (const r of summary.repositories) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  const tally = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
  const verdict = summary.completed ? 'crawl complete' : 'crawl INCOMPLETE (see PROBLEMS; re-run to resume)';
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${verdict}: ${tally} in ${(summary.durationMs / 1000).toFixed(1)}s\n`;
}
