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
}

/**
 * Dependency order: metadata first (gone/blocked/renamed decide whether anything else runs, and
 * pushed_at whether commits are asked for); reviews after issues (they skip when no PR moved);
 * users last (they profile everyone the other stages saw).
 */
export const CRAWL_STAGES: readonly StageDefinition[] = [
  { name: 'repository', run: crawlRepoStage },
  { name: 'commits', run: crawlCommitsStage },
  { name: 'contributors', run: crawlContributorsStage },
  { name: 'issues', run: crawlIssuesStage },
  { name: 'comments', run: crawlCommentsStage },
  { name: 'reviews', run: crawlReviewsStage },
  { name: 'releases', run: crawlReleasesStage },
  { name: 'users', run: crawlUsersStage },
];
