import { outsideChinaShareMetric } from './outside-china-share.js';

export const outsideChinaShareContributorsMetric = outsideChinaShareMetric(
  'outside-china-share-contributors',
  'byContributors',
  'contributors',
);
