import type { Command } from 'commander';
import { VitalsError, isVitalsError } from '../../shared/errors.js';
import { parseRepoName, type RepoName } from '../../shared/repo-name.js';
import { withDatabase } from '../../runtime/with-database.js';
import {
  getPortfolioByName,
  listPortfolioNamesByRepository,
  upsertPortfolio,
  upsertPortfolioMembers,
} from '../../store/portfolio.store.js';
import {
  deleteRepository,
  findRepositoryByFullName,
  listRepositories,
  registerRepositories,
  type Repository,
} from '../../store/repository.store.js';

/** `vitals repo add|list|remove`: the registry of tracked repositories. */
export function registerRepoCommand(program: Command): void {
  const repo = program.command('repo').description('register, list and remove tracked repositories');
  const configFile = () => program.opts<{ config?: string }>().config;

  repo
    .command('add')
    .description('register repositories (adding one twice changes nothing)')
    .argument('<names...>', 'OWNER/NAME or https://github.com/OWNER/NAME')
    .option('--portfolio <name>', 'also put them in this portfolio (created if missing)')
    .option('--json', 'print the result as JSON')
    .action(async (inputs: string[], options: { portfolio?: string; json?: boolean }) => {
      // Validate everything before touching the database: one bad name adds none.
      const names = parseAll(inputs, 'nothing was added');
      await withDatabase(configFile(), async ({ database }) => {
        const result = await database.db.transaction().execute(async (trx) => {
          const registered = await registerRepositories(trx, names);
          if (options.portfolio === undefined) return { ...registered, portfolio: null };
          const portfolio = await upsertPortfolio(trx, options.portfolio);
          const all = [...registered.added, ...registered.existing].map((r) => r.id);
          await upsertPortfolioMembers(trx, portfolio.id, all);
          return { ...registered, portfolio: portfolio.name };
        });
        if (options.json) {
          const out = {
            added: result.added.map((r) => r.fullName),
            existing: result.existing.map((r) => r.fullName),
            portfolio: result.portfolio,
          };
          process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          return;
        }
        for (const r of result.added) process.stdout.write(`added ${r.fullName}\n`);
        for (const r of result.existing)
          process.stdout.write(`${r.fullName} is already registered (no change)\n`);
        if (result.portfolio !== null) process.stdout.write(`in portfolio ${result.portfolio}\n`);
      });
    });

  repo
    .command('list')
    .description('list registered repositories with their crawl state')
    .option('--portfolio <name>', 'only repositories of this portfolio')
    .option('--json', 'print JSON')
    .action(async (options: { portfolio?: string; json?: boolean }) => {
      await withDatabase(configFile(), async ({ database }) => {
        const db = database.db;
        if (options.portfolio !== undefined) await getPortfolioByName(db, options.portfolio);
        const repositories = await listRepositories(db, { portfolio: options.portfolio });
        const portfolios = await listPortfolioNamesByRepository(db);
        const items = repositories.map((r) => toListItem(r, portfolios.get(r.id) ?? []));
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ repositories: items }, null, 2)}\n`);
        } else if (items.length === 0) {
          process.stdout.write('No repositories registered. Add one with: vitals repo add OWNER/NAME\n');
        } else {
          process.stdout.write(formatTable(items));
        }
      });
    });

  repo
    .command('remove')
    .description('stop tracking repositories and delete everything stored for them')
    .argument('<names...>', 'OWNER/NAME')
    .option('--missing-ok', 'do not fail on names that are not registered')
    .option('--json', 'print the result as JSON')
    .action(async (inputs: string[], options: { missingOk?: boolean; json?: boolean }) => {
      const names = parseAll(inputs, 'nothing was removed');
      await withDatabase(configFile(), async ({ database }) => {
        const outcome = await database.db.transaction().execute(async (trx) => {
          const found: Repository[] = [];
          const missing: string[] = [];
          for (const name of names) {
            const repository = await findRepositoryByFullName(trx, name.fullName);
            if (repository && !found.some((r) => r.id === repository.id)) found.push(repository);
            if (!repository) missing.push(name.fullName);
          }
          if (missing.length > 0 && !options.missingOk) {
            throw new VitalsError(
              'REPO_NOT_REGISTERED',
              `Not registered: ${missing.join(', ')}; nothing was removed (use --missing-ok to skip them)`,
              { missing },
            );
          }
          for (const repository of found) await deleteRepository(trx, repository.id);
          return { removed: found.map((r) => r.fullName), missing };
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
          return;
        }
        for (const name of outcome.removed) process.stdout.write(`removed ${name}\n`);
        for (const name of outcome.missing) process.stdout.write(`${name} was not registered (skipped)\n`);
      });
    });
}

/** Parses every input; if any is invalid, one error lists them all (exit code 2). */
function parseAll(inputs: readonly string[], consequence: string): RepoName[] {
  const names: RepoName[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    try {
      names.push(parseRepoName(input));
    } catch (err) {
      if (!isVitalsError(err, 'REPO_NAME_INVALID')) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) {
    const message =
      problems.length === 1
        ? `${problems[0]}; ${consequence}`
        : `${problems.join('\n  ')}\n  (${consequence})`;
    throw new VitalsError('REPO_NAME_INVALID', message, { count: problems.length });
  }
  return names;
}

interface ListItem {
  repository: string;
  id: number;
  githubId: number | null;
  state: Repository['state'];
  stateReason: string | null;
  addedAt: string;
  lastSuccessAt: string | null;
  portfolios: string[];
}

function toListItem(r: Repository, portfolios: string[]): ListItem {
  return {
    repository: r.fullName,
    id: r.id,
    githubId: r.githubId,
    state: r.state,
    stateReason: r.stateReason,
    addedAt: r.addedAt.toISOString(),
    lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
    portfolios,
  };
}

function formatTable(items: readonly ListItem[]): string {
  const header = ['REPOSITORY', 'STATE', 'LAST SUCCESS', 'PORTFOLIOS'];
  const rows = items.map((i) => [
    i.repository,
    i.stateReason ? `${i.state} (${i.stateReason})` : i.state,
    i.lastSuccessAt ?? '-',
    i.portfolios.join(',') || '-',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
