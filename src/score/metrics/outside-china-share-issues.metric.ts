import { outsideChinaShareMetric } from './outside-china-share.js';

export const outsideChinaShareIssuesMetric = outsideChinaShareMetric(
  'outside-china-share-issues',
  'byIssues',
  'issues and comments',
);
