import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { openDatabase } from '../../runtime/database.js';
import { createLogger } from '../../shared/logger.js';
import { parseRepoName } from '../../shared/repo-name.js';
import { startSimulator } from '../../sim/index.js';
import { loadSampleWorld } from '../../sim/worlds/index.js';
import { getRepository, registerRepositories } from '../../store/repository.store.js';
import { crawlInProcess } from '../crawl-session.js';
import { analyseAfterCrawl } from '../after-crawl-step.js';
import { formatSummary } from './crawl.command.js';
import { buildRepositoryReport, formatReport } from './report.command.js';

/**
 * `vitals demo` — the main job end to end with nothing to set up: the GitHub API simulator serves
 * the bundled sample world on a free local port, GITHUB_API_URL points at it with a throw-away
 * token, its repositories are registered (the renamed one under its former name, to show the rename
 * being followed), crawled into the embedded database (VITALS_DATA_DIR), and reported. Everything it
 * started is stopped before it returns.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('crawl the bundled sample world from the built-in GitHub simulator and report on it')
    .option('--json', 'print the reports as JSON')
    .action(async (options: { json?: boolean }) => {
      const world = loadSampleWorld();
      const simulator = await startSimulator({ world });
      try {
        // A fresh random token per run, not shaped like a real GitHub token; the simulator accepts any.
        const token = `vitals-demo-${randomBytes(12).toString('hex')}`;
        const env: Record<string, string | undefined> = {
          ...process.env,
          GITHUB_API_URL: simulator.url,
          GITHUB_GRAPHQL_URL: undefined,
          GITHUB_TOKEN: token,
          VITALS_GITHUB_TOKENS: undefined,
          REDIS_URL: undefined,
          LOG_LEVEL: process.env['LOG_LEVEL'] || 'warn',
        };
        const config = loadConfig({ env, file: program.opts<{ config?: string }>().config });
        const logger = createLogger(config.logLevel);
        process.stderr.write(
          `vitals demo: GitHub simulator at ${simulator.url}, database ${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}\n`,
        );
        const database = await openDatabase(config, logger);
        try {
          const names = world.repos.map((r) => parseRepoName(r.formerNames[0] ?? `${r.owner}/${r.name}`));
          const registered = await registerRepositories(database.db, names);
          const ids = [...registered.added, ...registered.existing].map((r) => r.id);
          const summary = await crawlInProcess(config, database.db, logger, ids, { concurrency: 3 });
          // Monthly history too, so the report shows a trend at once.
          await analyseAfterCrawl(database.db, ids, config.geoMode, { backfill: true });
          const reports = [];
          for (const id of ids)
            reports.push(
              await buildRepositoryReport(
                database.db,
                await getRepository(database.db, id),
                new Date(),
                config.geoMode,
              ),
            );
          if (options.json) {
            process.stdout.write(`${JSON.stringify({ reports }, null, 2)}\n`);
          } else {
            process.stdout.write(`${formatSummary(summary)}\n`);
            for (const report of reports) process.stdout.write(`${formatReport(report)}\n`);
          }
          if (!summary.completed) process.exitCode = 1;
        } finally {
          await database.close();
        }
      } finally {
        await simulator.close();
      }
    });
}
