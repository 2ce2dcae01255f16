import type { Command } from 'commander';
import { inferGeography } from '../../runtime/infer-geography.js';
import { withDatabase } from '../../runtime/with-database.js';
import { VitalsError } from '../../shared/errors.js';
import { parseRepoName } from '../../shared/repo-name.js';
import { findRepositoryByFullName, listRepositories } from '../../store/repository.store.js';

/**
 * `vitals geo infer [OWNER/NAME…|--all] [--force]`: (re)infers the contributors of stored repositories
 * and stores each project's geography. `vitals crawl` and `vitals demo` do this after an in-process
 * crawl; this command serves crawls done by workers, a new VITALS_GEO_MODE, or a new geo version.
 */
export function registerGeoInferCommand(geo: Command, program: Command): void {
  geo
    .command('infer')
    .description('locate the contributors of crawled repositories (only those whose data changed)')
    .argument('[names...]', 'OWNER/NAME of registered repositories')
    .option('--all', 'every registered repository')
    .option('--force', 're-infer everyone, even when their data did not change')
    .option('--json', 'print the outcome as JSON')
    .action(async (names: string[], options: { all?: boolean; force?: boolean; json?: boolean }) => {
      if (names.length > 0 === (options.all === true))
        throw new VitalsError('INPUT_INVALID', 'Name repositories (OWNER/NAME…) or use --all (one of them)');
      const parsed = names.map((n) => parseRepoName(n));
      await withDatabase(program.opts<{ config?: string }>().config, async ({ config, database }) => {
        const db = database.db;
        const ids: number[] = [];
        if (options.all) ids.push(...(await listRepositories(db)).map((r) => r.id));
        for (const name of parsed) {
          const repo = await findRepositoryByFullName(db, name.fullName);
          if (!repo)
            throw new VitalsError('REPO_NOT_REGISTERED', `${name.fullName} is not registered`, {
              repository: name.fullName,
            });
          ids.push(repo.id);
        }
        const outcome = await inferGeography(db, ids, {
          mode: config.geoMode,
          force: options.force === true,
        });
        const result = { repositories: ids.length, mode: config.geoMode, ...outcome };
        process.stdout.write(
          options.json
            ? `${JSON.stringify(result, null, 2)}\n`
            : `geography (mode ${result.mode}): ${result.repositories} repositories, ${result.people} people, ${result.inferred} (re)inferred, ${result.unchanged} unchanged in ${(result.durationMs / 1000).toFixed(1)}s\n`,
        );
      });
    });
}
