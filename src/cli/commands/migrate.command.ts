import type { Command } from 'commander';
import { migrateToLatest } from '../../../schema/migrate.js';
import { withDatabase } from '../../runtime/with-database.js';

/** `vitals migrate [--json]`: brings the schema to the latest migration and says what ran. */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema to the latest migration (other commands also do it first)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const configFile = program.opts<{ config?: string }>().config;
      await withDatabase(
        configFile,
        async ({ database }) => {
          const report = await migrateToLatest(database.db);
          if (options.json) {
            const out = { database: database.kind, applied: report.applied, known: report.known };
            process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          } else if (report.applied.length === 0) {
            process.stdout.write(
              `Schema of ${database.where} is up to date (${report.known.length} migration(s)).\n`,
            );
          } else {
            process.stdout.write(`Applied ${report.applied.length} migration(s) to ${database.where}:\n`);
            for (const name of report.applied) process.stdout.write(`  ${name}\n`);
          }
        },
        { migrate: false },
      );
    });
}
