import type { Kysely } from 'kysely';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../schema/database.js';
import { createCrawlGitHub, etagStoreFor } from '../crawl/adapters/github-client.adapter.js';
import { runCrawl, type CrawlEvent, type CrawlSummary } from '../crawl/run-crawl.js';
import { systemClock, type CrawlDeps, type CrawlSettings } from '../crawl/stage.js';
import { crawlSettingsOf } from '../runtime/crawl-settings.js';
import { createGitHubClient, type GitHubClientOptions } from '../github/index.js';
import type { Logger } from '../shared/logger.js';
import { createProgressReporter } from './progress.js';

export interface CrawlSessionOptions {
  readonly concurrency?: number;
  /** Progress on stderr (default true). */
  readonly progress?: boolean;
  readonly signal?: AbortSignal;
  /** Tuning of the GitHub client (tests and benchmarks shorten backoffs). */
  readonly clientOptions?: Partial<GitHubClientOptions>;
  readonly settings?: CrawlSettings;
}

/**
 * Crawls the given repositories in-process (design §2 embedded mode): one GitHub client for the run
 * (ETags in http_cache), the stage runner, and progress on stderr. Closes what it opened.
 */
export async function crawlInProcess(
  config: Config,
  db: Kysely<Database>,
  logger: Logger,
  repositoryIds: readonly number[],
  options: CrawlSessionOptions = {},
): Promise<CrawlSummary> {
  const client = createGitHubClient({
    config,
    logger,
    etagStore: etagStoreFor(db, null),
    signal: options.signal,
    options: options.clientOptions,
  });
  const github = createCrawlGitHub(client, db);
  const deps: CrawlDeps = {
    db,
    github,
    logger,
    clock: systemClock,
    settings: options.settings ?? crawlSettingsOf(config),
  };
  const progress =
    options.progress === false ? undefined : createProgressReporter({ budget: () => github.budget() });
  try {
    return await runCrawl(deps, repositoryIds, {
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event: CrawlEvent) => progress?.onEvent(event),
    });
  } finally {
    progress?.finish();
    await client.close();
  }
}
