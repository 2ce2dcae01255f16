import type { Logger } from '../shared/logger.js';
import { DEFAULT_BOT_LOGINS, type BotRules } from './is-bot.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { CrawlGitHub } from './adapters/github.port.js';

/**
 * A crawl stage is a plain `(deps, input) → result` function (graphile-worker's task shape). The
 * in-process runner (run-crawl.ts) and the BullMQ processors of `workers/` call the very same
 * functions, so both deployments crawl identically.
 */
export type StageName =
  'repository' | 'commits' | 'contributors' | 'issues' | 'comments' | 'reviews' | 'releases' | 'users';

/** How a stage ended. Trouble that is a fact about the repository is an outcome, not an error. */
export type StageOutcome = 'ok' | 'unchanged' | 'empty' | 'gone' | 'blocked';

export interface StageResult {
  readonly stage: StageName;
  readonly outcome: StageOutcome;
  /** Rows written (inserted or updated) by this run of the stage. */
  readonly rows: number;
  /** Pages fetched (REST pages or GraphQL queries), 304s included. */
  readonly pages: number;
}

export interface StageInput {
  /** Our surrogate repository id (not GitHub's). */
  readonly repositoryId: number;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface CrawlSettings extends BotRules {
  /** Issues and comments are re-read from `watermark − overlap` (de-duplicated by id). */
  readonly sinceOverlapSeconds: number;
  /** User profiles older than this are fetched again. */
  readonly userProfileTtlDays: number;
  /** Pull requests per GraphQL query in the reviews stage (design §4 lower bound assumes 50). */
  readonly reviewsPerQuery: number;
  /**
   * Every this many days each incrementally read list (issues, issue comments, review comments) is
   * read once in full, without `since`, and stored rows GitHub no longer lists are deleted
   * (design §4). 0 = never.
   */
  readonly reconcileEveryDays: number;
  /**
   * At most this many deletion candidates (stored rows a full read did not see) are asked for one by
   * one per list and reconciliation; the rest are kept until the next one (design §4).
   */
  readonly reconcileVerifyLimit: number;
}

export const defaultCrawlSettings: CrawlSettings = Object.freeze({
  botLogins: DEFAULT_BOT_LOGINS,
  sinceOverlapSeconds: 120,
  userProfileTtlDays: 7,
  reviewsPerQuery: 50,
  reconcileEveryDays: 7,
  reconcileVerifyLimit: 100,
});

export interface CrawlDeps {
  readonly db: Kysely<Database>;
  readonly github: CrawlGitHub;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly settings: CrawlSettings;
}

export type Stage = (deps: CrawlDeps, input: StageInput) => Promise<StageResult>;
