import { outsideChinaShareMetric } from './outside-china-share.js';

export const outsideChinaSharePullRequestsMetric = outsideChinaShareMetric(
  'outside-china-share-pull-requests',
  'byPullRequests',
  'merged pull requests',
);
