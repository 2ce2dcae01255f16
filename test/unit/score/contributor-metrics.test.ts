import { describe, expect, it } from '@jest/globals';
import { activityIndexMetric } from '../../../src/score/metrics/activity-index.metric.js';
import { busFactorActivityMetric } from '../../../src/score/metrics/bus-factor-activity.metric.js';
import { busFactorCommitsMetric } from '../../../src/score/metrics/bus-factor-commits.metric.js';
import { contributorRetentionMetric } from '../../../src/score/metrics/contributor-retention.metric.js';
import { inactiveContributorsMetric } from '../../../src/score/metrics/inactive-contributors.metric.js';
import { newContributorsMetric } from '../../../src/score/metrics/new-contributors.metric.js';
import {
  AS_OF,
  DAY,
  botCommit,
  comment,
  commit,
  commits,
  daysAgo,
  input,
  item,
  pr,
  review,
} from './score-fixtures.js';

describe('bus-factor-commits (50% rule over commits, 365 days)', () => {
  it.each([
    ['one author holds half', { alice: 6, bob: 3, carol: 1 }, 1, 6, 10],
    ['two authors needed', { alice: 4, bob: 3, carol: 3 }, 2, 7, 10],
    ['four equal authors', { a: 1, b: 1, c: 1, d: 1 }, 2, 2, 4],
    ['a single contributor', { solo: 12 }, 1, 12, 12],
  ])('%s', (_, byAuthor, value, numerator, denominator) => {
    const rows = Object.entries(byAuthor).flatMap(([who, n]) => commits(who, n, daysAgo(10)));
    const result = busFactorCommitsMetric.compute(input({ commits: rows }), AS_OF);
    expect(result).toMatchObject({ value, numerator, denominator });
  });

  it('ignores bots, commits before the window and commits after asOf', () => {
    const rows = [
      ...commits('alice', 2, daysAgo(5)),
      ...commits('bob', 1, daysAgo(5)),
      ...Array.from({ length: 20 }, () => botCommit(daysAgo(3))),
      ...commits('dave', 10, daysAgo(400)),
      commit('alice', daysAgo(365)), // window is (asOf − 365d, asOf]: the start is excluded
      ...commits('erin', 10, AS_OF + DAY),
      commit('bob', AS_OF), // the end is included
    ];
    expect(busFactorCommitsMetric.compute(input({ commits: rows }), AS_OF)).toMatchObject({
      value: 1,
      numerator: 2,
      denominator: 4,
      details: { contributors: 2, topContributorShare: 0.5 },
    });
  });

  it('has no value when only bots committed', () => {
    const result = busFactorCommitsMetric.compute(input({ commits: [botCommit(daysAgo(1))] }), AS_OF);
    expect(result).toMatchObject({ value: null, denominator: 0 });
  });
});

describe('bus-factor-activity (commits, issues, PRs, comments, reviews)', () => {
  it('counts all kinds of work, one event each', () => {
    const data = input({
      commits: commits('alice', 2, daysAgo(10)),
      issues: [
        item({ author: 'bob', created: daysAgo(20) }),
        pr({ author: 'bob', created: daysAgo(21) }),
        item({ author: 'renovate[bot]', bot: true, created: daysAgo(2) }),
      ],
      comments: [
        comment('bob', daysAgo(3)),
        comment('bob', daysAgo(4)),
        comment('ci[bot]', daysAgo(1), true),
      ],
      reviews: [review('bob', daysAgo(6))],
    });
    // bob 5 (issue, PR, 2 comments, review), alice 2 → 5 ≥ 7/2 → 1 person.
    expect(busFactorActivityMetric.compute(data, AS_OF)).toMatchObject({
      value: 1,
      numerator: 5,
      denominator: 7,
    });
  });

  it('has no value without human activity', () => {
    expect(busFactorActivityMetric.compute(input(), AS_OF).value).toBeNull();
  });
});

describe('new-contributors (first contribution in the last 90 days)', () => {
  it('finds first contributions over all history up to asOf', () => {
    const data = input({
      commits: [commit('alice', daysAgo(400)), commit('alice', daysAgo(5)), botCommit(daysAgo(1))],
      issues: [item({ author: 'bob', created: daysAgo(30) })],
      comments: [comment('carol', daysAgo(100)), comment('carol', daysAgo(10)), comment('dave', AS_OF + DAY)],
    });
    // bob is new; alice and carol were seen before the window; dave only after asOf.
    expect(newContributorsMetric.compute(data, AS_OF)).toMatchObject({
      value: 1,
      numerator: 1,
      denominator: 3,
    });
  });

  it('reports 0 for an old project without newcomers and null for no history at all', () => {
    expect(
      newContributorsMetric.compute(input({ commits: [commit('solo', daysAgo(200))] }), AS_OF).value,
    ).toBe(0);
    expect(newContributorsMetric.compute(input(), AS_OF).value).toBeNull();
  });
});

describe('contributor-retention (rolling quarters)', () => {
  it('is the share of last quarter’s people active this quarter', () => {
    const data = input({
      commits: [commit('alice', daysAgo(100)), commit('alice', daysAgo(5)), commit('dave', daysAgo(10))],
      issues: [item({ author: 'bob', created: daysAgo(150) })],
      comments: [comment('carol', daysAgo(95)), comment('erin', daysAgo(90))], // exactly 90 days: previous quarter
    });
    expect(contributorRetentionMetric.compute(data, AS_OF)).toMatchObject({
      value: 0.25,
      numerator: 1,
      denominator: 4,
      details: { activeThisQuarter: 2 },
    });
  });

  it('has no value when nobody was active in the previous quarter', () => {
    const data = input({ commits: [commit('alice', daysAgo(5)), commit('bob', daysAgo(200))] });
    expect(contributorRetentionMetric.compute(data, AS_OF).value).toBeNull();
  });
});

describe('inactive-contributors (active in the year, silent for 90 days)', () => {
  it('is the share of the year’s people without recent activity', () => {
    const data = input({
      commits: [commit('alice', daysAgo(10)), commit('bob', daysAgo(200)), commit('dave', daysAgo(400))],
      comments: [comment('carol', daysAgo(300)), comment('dave', daysAgo(50))],
      reviews: [review('bot[bot]', daysAgo(300), true)],
    });
    expect(inactiveContributorsMetric.compute(data, AS_OF)).toMatchObject({
      value: 0.5,
      numerator: 2,
      denominator: 4,
    });
  });

  it('a single contributor who stopped is fully inactive', () => {
    const data = input({ commits: [commit('solo', daysAgo(120))] });
    expect(inactiveContributorsMetric.compute(data, AS_OF).value).toBe(1);
  });
});

describe('activity-index (human events per week over 90 days)', () => {
  it('counts every kind and compares with the previous 90 days', () => {
    const data = input({
      commits: [...commits('a', 3, daysAgo(10)), ...commits('b', 6, daysAgo(120)), botCommit(daysAgo(1))],
      issues: [
        item({ author: 'c', created: daysAgo(20) }),
        item({ author: 'c', created: daysAgo(21) }),
        pr({ author: 'd', created: daysAgo(30) }),
      ],
      comments: [1, 2, 3, 4].map((d) => comment('e', daysAgo(d))),
      reviews: [review('f', daysAgo(7)), review('f', daysAgo(8))],
    });
    const result = activityIndexMetric.compute(data, AS_OF);
    expect(result.value).toBeCloseTo(12 / (90 / 7), 12);
    expect(result.numerator).toBe(12);
    expect(result.details).toMatchObject({
      commits: 3,
      issues: 2,
      pullRequests: 1,
      comments: 4,
      reviews: 2,
      ratioToPrevious: 2,
    });
    expect(result.details?.['previousPerWeek']).toBeCloseTo(6 / (90 / 7), 12);
  });

  it('buckets events by the UTC month of their instant, 12 months ending with asOf’s month', () => {
    const asOf = Date.parse('2024-06-30T12:00:00Z');
    const data = input({
      commits: [
        commit('a', Date.parse('2024-05-31T23:30:00-02:00')), // 2024-06-01T01:30Z → June
        commit('a', Date.parse('2024-06-01T00:30:00+08:00')), // 2024-05-31T16:30Z → May
        commit('a', Date.parse('2024-06-30T12:00:00Z')), // exactly asOf → counted
        commit('a', Date.parse('2024-06-30T13:00:00Z')), // after asOf → not counted
        commit('a', Date.parse('2023-06-30T23:00:00Z')), // 13 months back → outside the table
        commit('a', Date.parse('2023-07-01T00:00:00Z')),
      ],
    });
    const monthly = activityIndexMetric.compute(data, asOf).details?.['monthly'] as {
      month: string;
      events: number;
    }[];
    expect(monthly).toHaveLength(12);
    expect(monthly[0]).toEqual({ month: '2023-07', events: 1 });
    expect(monthly.at(-2)).toEqual({ month: '2024-05', events: 1 });
    expect(monthly.at(-1)).toEqual({ month: '2024-06', events: 2 });
  });

  it('is 0 for a quiet project and null for one with no history', () => {
    expect(activityIndexMetric.compute(input({ commits: [commit('a', daysAgo(300))] }), AS_OF).value).toBe(0);
    expect(activityIndexMetric.compute(input({ commits: [botCommit(daysAgo(3))] }), AS_OF).value).toBeNull();
  });
});
