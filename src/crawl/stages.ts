import { crawlCommentsStage } from './crawl-comments.stage.js';
import { crawlCommitsStage } from './crawl-commits.stage.js';
import { crawlContributorsStage } from './crawl-contributors.stage.js';
import { crawlIssuesStage } from './crawl-issues.stage.js';
import { crawlReleasesStage } from './crawl-releases.stage.js';
import { crawlRepoStage } from './crawl-repo.stage.js';
import { crawlReviewsStage } from './crawl-reviews.stage.js';
import { crawlUsersStage } from './crawl-users.stage.js';
import type { Stage, StageName } from './stage.js';

export interface StageDefinition {
  readonly name: StageName;
  readonly run: Stage;
  /** Stages of one wave run side by side, after every stage of the earlier waves … */
  readonly wave: number;
  /** … or, when given, after just these (earlier-wave) stages. */
  readonly after?: readonly StageName[];
}

/**
 * Dependency order: metadata first (gone/blocked/renamed decide whether anything else runs, and
 * pushed_at whether commits are asked for); then the independent lists side by side; reviews after
 * issues (they skip when no PR moved); users last (they profile everyone the other stages saw).
 */
export const CRAWL_STAGES: readonly StageDefinition[] = [
  { name: 'repository', wave: 0, run: crawlRepoStage },
  { name: 'commits', wave: 1, run: crawlCommitsStage },
  { name: 'contributors', wave: 1, run: crawlContributorsStage },
  { name: 'issues', wave: 1, run: crawlIssuesStage },
  { name: 'comments', wave: 1, run: crawlCommentsStage },
  // Reviews need the issues stage's pull requests, not the commit walk: they start as issues end.
  { name: 'reviews', wave: 2, after: ['issues'], run: crawlReviewsStage },
  { name: 'releases', wave: 1, run: crawlReleasesStage },
  { name: 'users', wave: 3, run: crawlUsersStage },
];
