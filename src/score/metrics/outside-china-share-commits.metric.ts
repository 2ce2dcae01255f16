import { outsideChinaShareMetric } from './outside-china-share.js';

export const outsideChinaShareCommitsMetric = outsideChinaShareMetric(
  'outside-china-share-commits',
  'byCommits',
  'commits',
);
