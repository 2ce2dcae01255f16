import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { loadScoringConfig } from '../../../config/scoring/load-scoring-config.js';
import type { Database } from '../../../schema/database.js';
import {
  scoreAndStoreRepositories,
  DEFAULT_SCORE_CONCURRENCY,
  type RepositoryScoreOutcome,
} from '../../runtime/score-repositories.js';
import { withDatabase } from '../../runtime/with-database.js';
import { computePortfolioScore, type PortfolioScore } from '../../score/index.js';
import { VitalsError } from '../../shared/errors.js';
import { parseRepoName, type RepoName } from '../../shared/repo-name.js';
import { getPortfolioByName } from '../../store/portfolio.store.js';
import { findRepositoryByFullName, listRepositories, type Repository } from '../../store/repository.store.js';
import { asOfOption } from '../option-values.js';

interface ScoreOptions {
  all?: boolean;
  portfolio?: string;
  asOf?: string;
  backfill?: boolean;
  json?: boolean;
  concurrency?: string;
}

/**
 * `vitals score [OWNER/NAME…|--all|--portfolio P] [--as-of DATE] [--backfill] [--json]`: computes
 * the health score from the stored rows and stores a snapshot; `--backfill` also stores one per UTC
 * month end since the first activity. Scores depend only on the database and asOf.
 */
export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('compute health scores from crawled data and store snapshots (monthly with --backfill)')
    .argument('[names...]', 'OWNER/NAME of registered repositories')
    .option('--all', 'every registered repository')
    .option('--portfolio <name>', 'the repositories of this portfolio, and the portfolio score')
    .option('--as-of <date>', 'score as of this instant (ISO 8601; default now)')
    .option('--backfill', 'also store a snapshot at every UTC month end since the first activity')
    .option('--concurrency <n>', 'repositories scored at once', String(DEFAULT_SCORE_CONCURRENCY))
    .option('--json', 'print the result as JSON')
    .action(async (inputs: string[], options: ScoreOptions) => {
      const selectors = [inputs.length > 0, options.all === true, options.portfolio !== undefined];
      if (selectors.filter(Boolean).length !== 1)
        throw new VitalsError(
          'INPUT_INVALID',
          'Name repositories (OWNER/NAME…), or use --all, or --portfolio NAME (one of them)',
        );
      const names = inputs.map((input) => parseRepoName(input));
      const asOf = asOfOption(options.asOf);
      const concurrency = parseConcurrency(options.concurrency);
      const scoring = loadScoringConfig();
      const configFile = program.opts<{ config?: string }>().config;
      await withDatabase(configFile, async ({ config, database }) => {
        const repositories = await selectRepositories(database.db, names, options);
        const portfolioName =
          options.portfolio === undefined
            ? undefined
            : (await getPortfolioByName(database.db, options.portfolio)).name;
        const started = performance.now();
        let done = 0;
        const outcomes = await scoreAndStoreRepositories(
          database.db,
          repositories.map((r) => r.id),
          {
            asOf: asOf.getTime(),
            config: scoring,
            backfill: options.backfill === true,
            concurrency,
            geoMode: config.geoMode,
            onScored: () => {
              done += 1;
              if (repositories.length > 1 && (done % 50 === 0 || done === repositories.length))
                process.stderr.write(`vitals: scored ${done}/${repositories.length}\n`);
            },
          },
        );
        const portfolio =
          options.portfolio === undefined
            ? null
            : computePortfolioScore(
                outcomes.map((o, i) => ({
                  repository: repositories[i]!.fullName,
                  score: o.result.health.score,
                  activityPerWeek: o.result.metrics['activity-index']?.value ?? null,
                })),
              );
        const durationMs = performance.now() - started;
        const result = toJson(asOf, scoring.version, repositories, outcomes, portfolio, portfolioName);
        process.stdout.write(
          options.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result, durationMs),
        );
      });
    });
}

async function selectRepositories(
  db: Kysely<Database>,
  names: readonly RepoName[],
  options: ScoreOptions,
): Promise<Repository[]> {
  if (options.all) return listRepositories(db);
  if (options.portfolio !== undefined) {
    await getPortfolioByName(db, options.portfolio);
    return listRepositories(db, { portfolio: options.portfolio });
  }
  const found: Repository[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const repository = await findRepositoryByFullName(db, name.fullName);
    if (!repository) missing.push(name.fullName);
    else if (!found.some((r) => r.id === repository.id)) found.push(repository);
  }
  if (missing.length > 0)
    throw new VitalsError(
      'REPO_NOT_REGISTERED',
      `Not registered: ${missing.join(', ')}; nothing was scored (add with: vitals repo add ${missing.join(' ')})`,
      { missing },
    );
  return found;
}

interface ScoreResultJson {
  asOf: string;
  scoringVersion: string;
  repositories: {
    repository: string;
    score: number | null;
    maintained: boolean | null;
    snapshots: number;
    written: number;
  }[];
  portfolio: (PortfolioScore & { name: string }) | null;
}

function toJson(
  asOf: Date,
  version: string,
  repositories: readonly Repository[],
  outcomes: readonly RepositoryScoreOutcome[],
  portfolio: PortfolioScore | null,
  portfolioName: string | undefined,
): ScoreResultJson {
  return {
    asOf: asOf.toISOString(),
    scoringVersion: version,
    repositories: outcomes.map((o, i) => ({
      repository: repositories[i]!.fullName,
      score: o.result.health.score,
      maintained: o.result.health.gate.maintained,
      snapshots: o.snapshots,
      written: o.written,
    })),
    portfolio: portfolio && { name: portfolioName ?? '', ...portfolio },
  };
}

function formatResult(result: ScoreResultJson, durationMs: number): string {
  const lines = result.repositories.map((r) => {
    const score = r.score === null ? 'no score (no data)' : r.score.toFixed(2).padStart(6);
    const gate = r.maintained === false ? '  (not maintained: capped)' : '';
    const stored = `${r.snapshots} snapshot${r.snapshots === 1 ? '' : 's'}, ${r.written} changed`;
    return `${r.repository.padEnd(40)} ${score}${gate}  [${stored}]`;
  });
  if (result.portfolio) {
    const p = result.portfolio;
    lines.push('', `portfolio ${p.name}: ${p.score === null ? 'no score' : p.score.toFixed(2)}`);
    if (p.unscored.length > 0) lines.push(`  without a score: ${p.unscored.join(', ')}`);
  }
  lines.push(
    '',
    `scored ${result.repositories.length} repositor${result.repositories.length === 1 ? 'y' : 'ies'} as of ${result.asOf} (scoring ${result.scoringVersion}) in ${(durationMs / 1000).toFixed(1)}s`,
  );
  return `${lines.join('\n')}\n`;
}

function parseConcurrency(value: string | undefined): number {
  const n = Number(value ?? DEFAULT_SCORE_CONCURRENCY);
  if (!Number.isInteger(n) || n < 1 || n > 32)
    throw new VitalsError('INPUT_INVALID', `--concurrency must be an integer from 1 to 32, got ${value}`);
  return n;
}
