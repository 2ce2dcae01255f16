import type { CommitTable } from './tables/commit.table.js';
import type { ContributorTable } from './tables/contributor.table.js';
import type { CrawlStateTable, HttpCacheTable } from './tables/crawl.table.js';
import type { IssueCommentTable, ReviewCommentTable, ReviewTable } from './tables/discussion.table.js';
import type {
  GeoOverrideAuditTable,
  GeoOverrideTable,
  GeoPersonTable,
  RepositoryGeographyTable,
} from './tables/geography.table.js';
import type { GithubUserTable } from './tables/github-user.table.js';
import type { IssueTable } from './tables/issue.table.js';
import type { PortfolioRepositoryTable, PortfolioTable } from './tables/portfolio.table.js';
import type { ReleaseTable } from './tables/release.table.js';
import type { RepositoryNameTable, RepositoryTable } from './tables/repository.table.js';
import type { ScoreSnapshotTable } from './tables/score-snapshot.table.js';
import type { ScheduleTable } from './tables/schedule.table.js';

/** The kysely view of the schema built by schema/migrations (keep both in step). */
export interface Database {
  repository: RepositoryTable;
  repository_name: RepositoryNameTable;
  portfolio: PortfolioTable;
  portfolio_repository: PortfolioRepositoryTable;
  github_user: GithubUserTable;
  commit: CommitTable;
  issue: IssueTable;
  issue_comment: IssueCommentTable;
  review: ReviewTable;
  review_comment: ReviewCommentTable;
  release: ReleaseTable;
  contributor: ContributorTable;
  crawl_state: CrawlStateTable;
  http_cache: HttpCacheTable;
  schedule: ScheduleTable;
  score_snapshot: ScoreSnapshotTable;
  geo_person: GeoPersonTable;
  geo_override: GeoOverrideTable;
  geo_override_audit: GeoOverrideAuditTable;
  repository_geography: RepositoryGeographyTable;
}
