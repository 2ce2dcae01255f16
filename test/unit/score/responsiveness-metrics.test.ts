import { describe, expect, it } from '@jest/globals';
import { backlogStalenessMetric } from '../../../src/score/metrics/backlog-staleness.metric.js';
import { changeRequestAcceptanceRatioMetric } from '../../../src/score/metrics/change-request-acceptance-ratio.metric.js';
import { changeRequestClosureRatioMetric } from '../../../src/score/metrics/change-request-closure-ratio.metric.js';
import { issueFirstResponseMetric } from '../../../src/score/metrics/issue-first-response.metric.js';
import { issueTimeToCloseMetric } from '../../../src/score/metrics/issue-time-to-close.metric.js';
import { prFirstResponseMetric } from '../../../src/score/metrics/pr-first-response.metric.js';
import { prMergeLeadTimeMetric } from '../../../src/score/metrics/pr-merge-lead-time.metric.js';
import { AS_OF, DAY, HOUR, daysAgo, input, item, pr } from './score-fixtures.js';

describe('issue-first-response (Kaplan–Meier, 180 days)', () => {
  const issues = [
    item({ created: daysAgo(10), response: daysAgo(10) + 2 * HOUR }), // answered after 2 h
    item({ created: daysAgo(20), response: daysAgo(20) + 30 * HOUR }), // 30 h
    item({ created: daysAgo(5) }), // open, unanswered: censored at 120 h
    item({ created: daysAgo(3), closed: daysAgo(1) }), // closed unanswered: censored at 48 h
    item({ created: daysAgo(100), response: daysAgo(90) }), // 240 h
    item({ created: daysAgo(2), response: AS_OF + DAY }), // answered after asOf: censored at 48 h
    pr({ created: daysAgo(4), response: daysAgo(4) + HOUR }), // a pull request: not counted here
    item({ created: daysAgo(4), bot: true }), // a bot's issue: not counted
    item({ created: daysAgo(200), response: daysAgo(100) }), // opened before the window
    item({ created: AS_OF + HOUR }), // opened after asOf
  ];

  it('estimates the median with censored items kept at risk', () => {
    // Times 2e 30e 48c 48c 120c 240e: F(2)=1/6, F(30)=1/3, then 4→2→1 at risk, F(240)=1.
    // Dropping the unanswered items would claim a median of 30 h.
    const result = issueFirstResponseMetric.compute(input({ issues }), AS_OF);
    expect(result).toMatchObject({ value: 240, numerator: 3, denominator: 6 });
    expect(result.details).toMatchObject({
      medianHours: 240,
      medianReached: true,
      p90Hours: 240,
      unansweredShare: 0.5,
      answered: 3,
      unansweredOpen: 2,
      unansweredClosed: 1,
    });
    expect(result.details?.['answeredWithin1d']).toBeCloseTo(1 / 6, 12);
    expect(result.details?.['answeredWithin7d']).toBeCloseTo(1 / 3, 12);
    expect(result.details?.['answeredWithin15d']).toBeCloseTo(1, 12);
  });

  it('reports the longest follow-up as a flagged lower bound when fewer than half are answered', () => {
    const slow = [
      item({ created: daysAgo(1), response: daysAgo(1) + HOUR }),
      item({ created: daysAgo(10) }),
      item({ created: daysAgo(20) }),
    ];
    const result = issueFirstResponseMetric.compute(input({ issues: slow }), AS_OF);
    expect(result.value).toBe(480);
    expect(result.details).toMatchObject({ medianReached: false, p90Reached: false, unansweredShare: 2 / 3 });
  });

  it('has no value when there are no issues at all', () => {
    expect(issueFirstResponseMetric.compute(input(), AS_OF)).toMatchObject({ value: null, denominator: 0 });
  });
});

describe('pr-first-response', () => {
  it('reads only pull requests', () => {
    const items = [
      pr({ created: daysAgo(3), response: daysAgo(3) + 5 * HOUR }),
      pr({ created: daysAgo(9), response: daysAgo(9) + 50 * HOUR }),
      item({ created: daysAgo(2) }),
    ];
    const result = prFirstResponseMetric.compute(input({ issues: items }), AS_OF);
    expect(result).toMatchObject({ value: 5, numerator: 0, denominator: 2, details: { p90Hours: 50 } });
  });
});

describe('change requests', () => {
  const prs = [
    pr({ created: daysAgo(10), merged: daysAgo(5) }),
    pr({ created: daysAgo(20), closed: daysAgo(15) }),
    pr({ created: daysAgo(30) }),
    pr({ created: daysAgo(40), merged: AS_OF + DAY }), // merged after asOf: still open at asOf
    pr({ created: daysAgo(120), merged: daysAgo(10) }),
    pr({ created: daysAgo(300), closed: daysAgo(200) }), // closed before both windows
    pr({ created: daysAgo(5), closed: daysAgo(4), bot: true }),
    item({ created: daysAgo(5), closed: daysAgo(4) }), // an issue
  ];

  it('closure ratio: closed ÷ opened in 90 days', () => {
    expect(changeRequestClosureRatioMetric.compute(input({ issues: prs }), AS_OF)).toMatchObject({
      value: 0.75,
      numerator: 3,
      denominator: 4,
    });
  });

  it('acceptance ratio: merged ÷ closed in 180 days', () => {
    expect(changeRequestAcceptanceRatioMetric.compute(input({ issues: prs }), AS_OF)).toMatchObject({
      value: 2 / 3,
      numerator: 2,
      denominator: 3,
    });
  });

  it('have no value without pull requests', () => {
    expect(changeRequestClosureRatioMetric.compute(input(), AS_OF).value).toBeNull();
    expect(changeRequestAcceptanceRatioMetric.compute(input(), AS_OF).value).toBeNull();
  });

  it('merge lead time: nearest-rank median of merged pull requests in 180 days', () => {
    const merged = [2, 10, 30, 100].map((h) => pr({ created: daysAgo(20), merged: daysAgo(20) + h * HOUR }));
    const others = [
      pr({ created: daysAgo(20), closed: daysAgo(1) }),
      pr({ created: daysAgo(300), merged: daysAgo(200) }),
      pr({ created: daysAgo(3), merged: AS_OF + HOUR }),
      pr({ created: daysAgo(3), merged: daysAgo(2), bot: true }),
    ];
    expect(prMergeLeadTimeMetric.compute(input({ issues: [...merged, ...others] }), AS_OF)).toMatchObject({
      value: 10,
      denominator: 4,
      details: { p90Hours: 100 },
    });
  });
});

describe('issue-time-to-close (Kaplan–Meier, days)', () => {
  it('censors issues still open at asOf', () => {
    const issues = [
      item({ created: daysAgo(10), closed: daysAgo(8) }), // 2 d
      item({ created: daysAgo(30), closed: daysAgo(20) }), // 10 d
      item({ created: daysAgo(5) }), // open: censored at 5 d
      item({ created: daysAgo(100), closed: AS_OF + DAY }), // closed after asOf: censored at 100 d
    ];
    // F(2) = 1/4; at 10 d two are at risk → F = 1 − 3/4·1/2 = 5/8.
    const result = issueTimeToCloseMetric.compute(input({ issues }), AS_OF);
    expect(result).toMatchObject({ value: 10, numerator: 2, denominator: 4 });
    expect(result.details).toMatchObject({ medianReached: true, p90Days: 100, p90Reached: false, open: 2 });
    expect(result.details?.['closedWithin30d']).toBeCloseTo(5 / 8, 12);
  });
});

describe('backlog-staleness (open items older than 180 days)', () => {
  it('counts items open at asOf by their age', () => {
    const issues = [
      item({ created: daysAgo(10) }),
      pr({ created: daysAgo(200) }),
      item({ created: daysAgo(400) }),
      item({ created: daysAgo(300), closed: AS_OF + DAY }), // open at asOf
      item({ created: daysAgo(500), closed: daysAgo(400) }),
      item({ created: daysAgo(900), bot: true }),
    ];
    expect(backlogStalenessMetric.compute(input({ issues }), AS_OF)).toMatchObject({
      value: 0.75,
      numerator: 3,
      denominator: 4,
      details: { medianAgeDays: 200 },
    });
  });

  it('is 0 with nothing open and null with no issues at all', () => {
    const closed = [item({ created: daysAgo(10), closed: daysAgo(1) })];
    expect(backlogStalenessMetric.compute(input({ issues: closed }), AS_OF).value).toBe(0);
    expect(backlogStalenessMetric.compute(input(), AS_OF).value).toBeNull();
  });
});
