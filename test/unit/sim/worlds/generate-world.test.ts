import { describe, expect, it } from '@jest/globals';
import { generateWorld } from '../../../../src/sim/worlds/index.js';
import { checkWorldInvariants } from '../../../support/check-world-invariants.js';

const options = {
  seed: 11,
  repos: 2,
  commitsPerRepo: 400,
  issuesPerRepo: 60,
  prRatio: 0.5,
  commentsPerIssue: 2,
  users: 80,
};

describe('generateWorld', () => {
  const world = generateWorld(options);

  it('makes exactly the requested repositories and commits, keeping every invariant', () => {
    expect(world.repos).toHaveLength(2);
    for (const repo of world.repos) {
      expect(repo.commits).toHaveLength(400);
      expect(repo.issues).toHaveLength(60);
      expect(repo.issues.some((i) => i.pullRequest)).toBe(true);
    }
    expect(checkWorldInvariants(world, { contiguousNumbers: true, endIso: '2026-10-31T23:59:59Z' })).toEqual(
      [],
    );
  });

  it('is deterministic: same seed, same world; another seed, another world', () => {
    expect(JSON.stringify(generateWorld(options))).toBe(JSON.stringify(world));
    const other = generateWorld({ ...options, seed: 12 });
    expect(other.repos[0]?.commits[0]?.sha).not.toBe(world.repos[0]?.commits[0]?.sha);
  });

  it('follows the country mix and the end date', () => {
    const chinese = generateWorld({
      seed: 3,
      commitsPerRepo: 300,
      issuesPerRepo: 10,
      users: 60,
      countryMix: { CN: 1 },
      endDate: '2025-01-01T00:00:00Z',
      years: 1,
    });
    const people = chinese.users.filter((u) => u.type === 'User' && u.login !== 'web-flow');
    expect(people.every((u) => u.trueCountry === 'CN')).toBe(true);
    expect(
      chinese.repos[0]?.commits.every(
        (c) => c.author.date.endsWith('+08:00') || c.author.date.endsWith('+00:00'),
      ),
    ).toBe(true);
    expect(checkWorldInvariants(chinese, { endIso: '2025-01-01T00:00:00Z' })).toEqual([]);
  });

  it('shares one actor object between author and committer of direct commits in lean (large) worlds', () => {
    const lean = generateWorld({ seed: 5, commitsPerRepo: 3_000, issuesPerRepo: 10, users: 50, lean: true });
    const commits = lean.repos[0]?.commits ?? [];
    expect(commits).toHaveLength(3_000);
    const direct = commits.filter((c) => c.committerLogin !== 'web-flow');
    expect(direct.every((c) => c.author === c.committer)).toBe(true);
    expect(checkWorldInvariants(lean)).toEqual([]);
  });
});
