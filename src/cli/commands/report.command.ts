import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { GeoMode } from '../../../config/load-config.js';
import type { Database } from '../../../schema/database.js';
import { getGeographyReport, type GeographyReport } from '../../runtime/geography-report.js';
import { getHealthReport, type HealthReport } from '../../runtime/health-report.js';
import { formatGeographyLines } from '../format-geography.js';
import { formatHealthLines } from '../format-health.js';
import { withDatabase } from '../../runtime/with-database.js';
import { VitalsError } from '../../shared/errors.js';
import { parseRepoName } from '../../shared/repo-name.js';
import { countRowsForRepository, type RepositoryRowCounts } from '../../store/counts.store.js';
import { listCrawlStates } from '../../store/crawl-state.store.js';
import { findRepositoryByFullName, type Repository } from '../../store/repository.store.js';
import { asOfOption } from '../option-values.js';

/** The `vitals report --json` document (design §3); parts not built yet are null. */
export interface RepositoryReport {
  repository: string;
  asOf: string;
  crawl: { state: string; lastSuccessAt: string | null; error: string | null };
  counts: RepositoryRowCounts;
  health: HealthReport | null;
  geography: GeographyReport | null;
  alerts: null;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'report on one repository: crawl state and stored rows (health, geography, alerts as they land)',
    )
    .argument('<name>', 'OWNER/NAME (a former name finds the renamed repository)')
    .option('--json', 'print the report as JSON')
    .option('--as-of <date>', 'report as of this date (ISO 8601)')
    .action(async (input: string, options: { json?: boolean; asOf?: string }) => {
      const name = parseRepoName(input);
      const asOf = asOfOption(options.asOf);
      const configFile = program.opts<{ config?: string }>().config;
      await withDatabase(configFile, async ({ config, database }) => {
        const repo = await findRepositoryByFullName(database.db, name.fullName);
        if (!repo)
          throw new VitalsError(
            'REPO_NOT_REGISTERED',
            `${name.fullName} is not registered; add it with: vitals repo add ${name.fullName}`,
            { repository: name.fullName },
          );
        const report = await buildRepositoryReport(database.db, repo, asOf, config.geoMode);
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      });
    });
}

export async function buildRepositoryReport(
  db: Kysely<Database>,
  repo: Repository,
  asOf: Date,
  geoMode: GeoMode = 'mainland',
): Promise<RepositoryReport> {
  const counts = await countRowsForRepository(db, repo.id);
  const states = await listCrawlStates(db, repo.id);
  const failed = states.filter((s) => s.status === 'failed' && s.lastError);
  const error =
    repo.state === 'gone' || repo.state === 'blocked'
      ? repo.stateReason
      : failed.length > 0
        ? failed.map((s) => `${s.entity}: ${s.lastError}`).join('; ')
        : null;
  return {
    repository: repo.fullName,
    asOf: asOf.toISOString(),
    crawl: { state: repo.state, lastSuccessAt: repo.lastSuccessAt?.toISOString() ?? null, error },
    counts,
    health: await getHealthReport(db, repo.id, asOf, { geoMode }),
    geography: await getGeographyReport(db, repo.id, asOf, geoMode),
    alerts: null,
  };
}

const COUNT_LABELS: Record<keyof RepositoryRowCounts, string> = {
  commits: 'commits (default branch)',
  issues: 'issues',
  pullRequests: 'pull requests',
  issueComments: 'issue comments',
  reviews: 'reviews',
  releases: 'releases',
  contributors: 'contributors',
};

export function formatReport(report: RepositoryReport): string {
  const lines = [
    `${report.repository}  (as of ${report.asOf.slice(0, 10)})`,
    `  crawl         ${report.crawl.state}${report.crawl.lastSuccessAt ? `, last success ${report.crawl.lastSuccessAt}` : ''}`,
  ];
  if (report.crawl.error) lines.push(`  problem       ${report.crawl.error}`);
  for (const [key, label] of Object.entries(COUNT_LABELS))
    lines.push(`  ${label.padEnd(26)}${String(report.counts[key as keyof RepositoryRowCounts]).padStart(8)}`);
  lines.push(...formatHealthLines(report.health));
  if (report.geography) lines.push(...formatGeographyLines(report.geography));
  return `${lines.join('\n')}\n`;
}
