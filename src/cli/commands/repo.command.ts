import type { Command } from 'commander';
import { VitalsError, isVitalsError } from '../../shared/errors.js';
import { parseOwnerLogin, parseRepoName, type RepoName } from '../../shared/repo-name.js';
import {
  registerOwnerRepositories,
  type OwnerRegistration,
} from '../../runtime/register-owner-repositories.js';
import { registerWithPortfolio } from '../../runtime/register-repositories.js';
import { withDatabase } from '../../runtime/with-database.js';
import { getPortfolioByName, listPortfolioNamesByRepository } from '../../store/portfolio.store.js';
import {
  deleteRepository,
  findRepositoryByFullName,
  listRepositories,
  type Repository,
} from '../../store/repository.store.js';

/** `vitals repo add|list|remove`: the registry of tracked repositories. */
export function registerRepoCommand(program: Command): void {
  const repo = program.command('repo').description('register, list and remove tracked repositories');
  const configFile = () => program.opts<{ config?: string }>().config;

  repo
    .command('add')
    .description(
      'register repositories by name, or all of an organisation (or user) with --org; adding one twice changes nothing',
    )
    .argument('[names...]', 'OWNER/NAME or https://github.com/OWNER/NAME')
    .option('--org <login>', 'register the repositories GitHub lists for this organisation (or user)')
    .option('--include-forks', 'with --org: also register forks (skipped by default)')
    .option('--include-archived', 'with --org: also register archived repositories (skipped by default)')
    .option('--portfolio <name>', 'also put them in this portfolio (created if missing)')
    .option('--json', 'print the result as JSON')
    .action(async (inputs: string[], options: AddOptions) => {
      if (options.org !== undefined) {
        await addOwner(configFile(), inputs, options);
        return;
      }
      if (options.includeForks || options.includeArchived) {
        throw new VitalsError(
          'INPUT_INVALID',
          '--include-forks and --include-archived apply only with --org',
        );
      }
      if (inputs.length === 0) {
        throw new VitalsError(
          'INPUT_INVALID',
          'Name repositories (OWNER/NAME…) or an organisation (--org ORG)',
        );
      }
      // Validate everything before touching the database: one bad name adds none.
      const names = parseAll(inputs, 'nothing was added');
      await withDatabase(configFile(), async ({ database }) => {
        const result = await registerWithPortfolio(database.db, names, options.portfolio);
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

interface AddOptions {
  org?: string;
  includeForks?: boolean;
  includeArchived?: boolean;
  portfolio?: string;
  json?: boolean;
}

/**
 * `repo add --org LOGIN`: one owner per call and no OWNER/NAME beside it (two ways of choosing in one
 * call would make "what was skipped" ambiguous) — bad input, exit code 2, before any request.
 */
async function addOwner(configFile: string | undefined, inputs: readonly string[], options: AddOptions) {
  if (inputs.length > 0) {
    throw new VitalsError(
      'INPUT_INVALID',
      `Give either OWNER/NAME arguments or --org, not both (got ${inputs.length} name(s) and --org ${options.org}); nothing was added`,
    );
  }
  const login = parseOwnerLogin(options.org ?? '');
  const portfolio = options.portfolio?.trim();
  if (portfolio !== undefined && (portfolio.length === 0 || portfolio.length > 200)) {
    throw new VitalsError('INPUT_INVALID', 'A portfolio name must have 1 to 200 characters');
  }
  await withDatabase(configFile, async ({ config, logger, database }) => {
    const controller = new AbortController();
    const stop = () => controller.abort(new VitalsError('INTERNAL', 'registration interrupted'));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let result;
    try {
      result = await registerOwnerRepositories(config, database.db, logger, {
        login,
        portfolio,
        includeForks: options.includeForks === true,
        includeArchived: options.includeArchived === true,
        signal: controller.signal,
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    if (options.json) {
      const out = {
        owner: result.login,
        ownerType: result.ownerType,
        listed: result.listed,
        added: result.added.map((r) => r.fullName),
        existing: result.existing.map((r) => r.fullName),
        skipped: result.skipped,
        portfolio: result.portfolio,
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    process.stdout.write(formatOwnerRegistration(result));
  });
}

/** Added names one a line; what was already there and what was skipped as counts, with why. */
function formatOwnerRegistration(result: OwnerRegistration): string {
  const kind = result.ownerType === 'organization' ? 'organisation' : 'user';
  const lines = [
    `${kind} ${result.login}: ${result.listed} repositor${result.listed === 1 ? 'y' : 'ies'} listed`,
  ];
  for (const r of result.added) lines.push(`added ${r.fullName}`);
  if (result.existing.length > 0) lines.push(`${result.existing.length} already registered (no change)`);
  if (result.skipped.length > 0) {
    const forks = result.skipped.filter((s) => s.reasons.includes('fork')).length;
    const archived = result.skipped.filter((s) => s.reasons.includes('archived')).length;
    const why = [
      ...(forks > 0 ? [`${forks} fork${forks === 1 ? '' : 's'} (--include-forks adds them)`] : []),
      ...(archived > 0 ? [`${archived} archived (--include-archived adds them)`] : []),
    ];
    lines.push(`skipped ${result.skipped.length}: ${why.join(', ')}`);
  }
  lines.push(
    `${result.added.length} added, ${result.existing.length} already registered, ${result.skipped.length} skipped`,
  );
  if (result.portfolio !== null) lines.push(`in portfolio ${result.portfolio}`);
  return `${lines.join('\n')}\n`;
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
