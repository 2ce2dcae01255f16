import { describe, expect, it } from '@jest/globals';
import { maintainedMetric } from '../../../src/score/metrics/maintained.metric.js';
import { outsideChinaShareCommitsMetric } from '../../../src/score/metrics/outside-china-share-commits.metric.js';
import { outsideChinaShareIssuesMetric } from '../../../src/score/metrics/outside-china-share-issues.metric.js';
import { releaseCadenceMetric } from '../../../src/score/metrics/release-cadence.metric.js';
import { AS_OF, DAY, botCommit, commit, daysAgo, input, release } from './score-fixtures.js';

describe('maintained gate (archived, or nothing for 90 days)', () => {
  it('is 1 with recent human activity', () => {
    const result = maintainedMetric.compute(input({ commits: [commit('a', daysAgo(10))] }), AS_OF);
    expect(result).toMatchObject({
      value: 1,
      details: { archived: false, daysSinceLastActivity: 10, reason: null },
    });
  });

  it('is 0 when only bots were active in the last 90 days', () => {
    const data = input({ commits: [commit('a', daysAgo(100)), botCommit(daysAgo(1))] });
    expect(maintainedMetric.compute(data, AS_OF)).toMatchObject({
      value: 0,
      details: { reason: 'no activity in 90 days', daysSinceLastActivity: 100 },
    });
  });

  it('counts a release as activity', () => {
    const data = input({ commits: [commit('a', daysAgo(100))], releases: [release(daysAgo(20))] });
    expect(maintainedMetric.compute(data, AS_OF).value).toBe(1);
  });

  it('is 0 from the recorded archive date on, and 1 before it', () => {
    const data = input({
      repository: { createdAt: daysAgo(1000), archived: true, archivedAt: daysAgo(5) },
      commits: [commit('a', daysAgo(10))],
    });
    expect(maintainedMetric.compute(data, AS_OF)).toMatchObject({
      value: 0,
      details: { reason: 'archived' },
    });
    expect(maintainedMetric.compute(data, daysAgo(6)).value).toBe(1);
  });

  it('dates an archive of unknown date at the last recorded activity', () => {
    const data = input({
      repository: { createdAt: daysAgo(1000), archived: true, archivedAt: null },
      commits: [commit('a', daysAgo(30)), commit('a', daysAgo(50))],
    });
    expect(maintainedMetric.compute(data, AS_OF).details).toMatchObject({ archived: true });
    expect(maintainedMetric.compute(data, daysAgo(31)).value).toBe(1);
    expect(maintainedMetric.compute(data, daysAgo(30)).value).toBe(0);
  });

  it('has no value before the repository was created', () => {
    const data = input({ repository: { createdAt: daysAgo(10), archived: false, archivedAt: null } });
    expect(maintainedMetric.compute(data, daysAgo(11))).toMatchObject({ value: null });
    expect(maintainedMetric.compute(data, daysAgo(10)).value).toBe(0);
  });

  it('is 0 for a repository with no activity ever', () => {
    expect(maintainedMetric.compute(input(), AS_OF)).toMatchObject({
      value: 0,
      details: { daysSinceLastActivity: null },
    });
  });
});

describe('release-cadence (releases in 365 days)', () => {
  it('counts releases in the window and explains the rhythm', () => {
    const releases = [10, 40, 100, 400].map((d) => release(daysAgo(d))).concat(release(AS_OF + DAY));
    expect(releaseCadenceMetric.compute(input({ releases }), AS_OF)).toMatchObject({
      value: 3,
      details: { daysSinceLastRelease: 10, medianIntervalDays: 30 },
    });
  });

  it('is 0 for a project that stopped releasing and null for one that never did', () => {
    expect(releaseCadenceMetric.compute(input({ releases: [release(daysAgo(500))] }), AS_OF).value).toBe(0);
    expect(releaseCadenceMetric.compute(input({ releases: [release(AS_OF + 1)] }), AS_OF).value).toBeNull();
  });
});

describe('outside-China shares (pass-through of the geography aggregate)', () => {
  const geography = {
    window: '365d',
    byCommits: { outsideChina: 60, china: 20, unknown: 20 },
    byContributors: null,
    byPullRequests: null,
    byIssues: { outsideChina: 0, china: 0, unknown: 7 },
  };

  it('reports share, coverage and bounds', () => {
    expect(outsideChinaShareCommitsMetric.compute(input({ geography }), AS_OF)).toMatchObject({
      value: 0.75,
      numerator: 60,
      denominator: 80,
      coverage: 0.8,
      details: { lower: 0.6, upper: 0.8, unknown: 20, window: '365d' },
    });
  });

  it('has no value when nothing is located (coverage 0) or geography is absent', () => {
    expect(outsideChinaShareIssuesMetric.compute(input({ geography }), AS_OF)).toMatchObject({
      value: null,
      coverage: 0,
      details: { lower: 0, upper: 1 },
    });
    expect(outsideChinaShareCommitsMetric.compute(input(), AS_OF)).toMatchObject({
      value: null,
      coverage: null,
    });
  });
});
