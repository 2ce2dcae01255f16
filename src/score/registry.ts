import type { MetricDefinition } from './metric.js';
import { activityIndexMetric } from './metrics/activity-index.metric.js';
import { backlogStalenessMetric } from './metrics/backlog-staleness.metric.js';
import { busFactorActivityMetric } from './metrics/bus-factor-activity.metric.js';
import { busFactorCommitsMetric } from './metrics/bus-factor-commits.metric.js';
import { changeRequestAcceptanceRatioMetric } from './metrics/change-request-acceptance-ratio.metric.js';
import { changeRequestClosureRatioMetric } from './metrics/change-request-closure-ratio.metric.js';
import { contributorRetentionMetric } from './metrics/contributor-retention.metric.js';
import { elephantFactorMetric } from './metrics/elephant-factor.metric.js';
import { inactiveContributorsMetric } from './metrics/inactive-contributors.metric.js';
import { issueFirstResponseMetric } from './metrics/issue-first-response.metric.js';
import { issueTimeToCloseMetric } from './metrics/issue-time-to-close.metric.js';
import { maintainedMetric } from './metrics/maintained.metric.js';
import { newContributorsMetric } from './metrics/new-contributors.metric.js';
import { organisationHhiMetric } from './metrics/organisation-hhi.metric.js';
import { outsideChinaShareCommitsMetric } from './metrics/outside-china-share-commits.metric.js';
import { outsideChinaShareContributorsMetric } from './metrics/outside-china-share-contributors.metric.js';
import { outsideChinaShareIssuesMetric } from './metrics/outside-china-share-issues.metric.js';
import { outsideChinaSharePullRequestsMetric } from './metrics/outside-china-share-pull-requests.metric.js';
import { prFirstResponseMetric } from './metrics/pr-first-response.metric.js';
import { prMergeLeadTimeMetric } from './metrics/pr-merge-lead-time.metric.js';
import { releaseCadenceMetric } from './metrics/release-cadence.metric.js';
import { topOrganisationShareMetric } from './metrics/top-organisation-share.metric.js';

/** Every metric, in the order reports and docs/metrics.md list them. Ids are unique (tested). */
export const METRICS: readonly MetricDefinition[] = Object.freeze([
  maintainedMetric,
  busFactorCommitsMetric,
  busFactorActivityMetric,
  elephantFactorMetric,
  topOrganisationShareMetric,
  organisationHhiMetric,
  issueFirstResponseMetric,
  prFirstResponseMetric,
  changeRequestClosureRatioMetric,
  changeRequestAcceptanceRatioMetric,
  issueTimeToCloseMetric,
  prMergeLeadTimeMetric,
  backlogStalenessMetric,
  newContributorsMetric,
  contributorRetentionMetric,
  inactiveContributorsMetric,
  activityIndexMetric,
  releaseCadenceMetric,
  outsideChinaShareCommitsMetric,
  outsideChinaShareContributorsMetric,
  outsideChinaSharePullRequestsMetric,
  outsideChinaShareIssuesMetric,
]);

export const METRIC_IDS: readonly string[] = Object.freeze(METRICS.map((m) => m.id));

export function findMetric(id: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.id === id);
}
