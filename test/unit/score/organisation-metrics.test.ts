import { describe, expect, it } from '@jest/globals';
import { elephantFactorMetric } from '../../../src/score/metrics/elephant-factor.metric.js';
import { organisationHhiMetric } from '../../../src/score/metrics/organisation-hhi.metric.js';
import { topOrganisationShareMetric } from '../../../src/score/metrics/top-organisation-share.metric.js';
import { AS_OF, botCommit, commit, commits, daysAgo, input } from './score-fixtures.js';

// acme 4 (alice 3 + bob 1), globex 3 (carol), initech 2 (frank's commits say so, overriding his
// profile), unknown 3 (dave has a null affiliation, erin none at all). Known 9 of 12.
const data = input({
  commits: [
    ...commits('alice', 3, daysAgo(10)),
    commit('bob', daysAgo(20)),
    ...commits('carol', 3, daysAgo(30)),
    ...commits('dave', 2, daysAgo(40)),
    commit('erin', daysAgo(50)),
    commit('frank', daysAgo(60), { organisation: 'Initech' }),
    commit('frank', daysAgo(61), { organisation: 'initech ' }),
    ...Array.from({ length: 30 }, () => botCommit(daysAgo(5))),
    ...commits('carol', 50, daysAgo(500)),
  ],
  affiliations: [
    { authorKey: 'alice', organisation: 'Acme' },
    { authorKey: 'bob', organisation: ' ACME' },
    { authorKey: 'carol', organisation: 'Globex' },
    { authorKey: 'dave', organisation: null },
    { authorKey: 'frank', organisation: 'Acme' },
  ],
});

describe('organisational diversity (365 days, unknown kept apart)', () => {
  it('elephant factor: the fewest organisations holding half of the known commits', () => {
    // acme 4 < 9/2; acme + globex = 7 ≥ 4.5 → 2.
    expect(elephantFactorMetric.compute(data, AS_OF)).toMatchObject({
      value: 2,
      numerator: 7,
      denominator: 9,
      coverage: 9 / 12,
      details: { organisations: 3, unknownCommits: 3, topOrganisationShare: 4 / 9 },
    });
    expect(elephantFactorMetric.compute(data, AS_OF).details?.['herfindahlIndex']).toBeCloseTo(29 / 81, 12);
  });

  it('top organisation share names the organisation by its most used spelling', () => {
    expect(topOrganisationShareMetric.compute(data, AS_OF)).toMatchObject({
      value: 4 / 9,
      numerator: 4,
      denominator: 9,
      coverage: 0.75,
      details: { topOrganisation: 'Acme' },
    });
  });

  it('HHI is Σ share² over known organisations', () => {
    const result = organisationHhiMetric.compute(data, AS_OF);
    expect(result.value).toBeCloseTo((16 + 9 + 4) / 81, 12);
    expect(result).toMatchObject({ denominator: 9, coverage: 0.75 });
  });

  it('a single-company project has elephant factor 1, top share 1 and HHI 1', () => {
    const solo = input({
      commits: commits('alice', 5, daysAgo(3)),
      affiliations: [{ authorKey: 'alice', organisation: 'Acme' }],
    });
    expect(elephantFactorMetric.compute(solo, AS_OF)).toMatchObject({ value: 1, coverage: 1 });
    expect(topOrganisationShareMetric.compute(solo, AS_OF).value).toBe(1);
    expect(organisationHhiMetric.compute(solo, AS_OF).value).toBe(1);
  });

  it('unknown affiliation is never one organisation: no value, coverage 0', () => {
    const unknown = input({ commits: commits('alice', 5, daysAgo(3)) });
    for (const metric of [elephantFactorMetric, topOrganisationShareMetric, organisationHhiMetric])
      expect(metric.compute(unknown, AS_OF)).toMatchObject({ value: null, coverage: 0 });
  });

  it('no commits at all: no value and no coverage', () => {
    expect(elephantFactorMetric.compute(input(), AS_OF)).toMatchObject({ value: null, coverage: null });
  });
});
