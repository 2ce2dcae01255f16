import { describe, expect, it } from '@jest/globals';
import type { SimRepo, World } from '../../../../src/sim/world.js';
import {
  buildSampleWorld,
  loadSampleWorld,
  SAMPLE_END,
  SAMPLE_REPOS,
} from '../../../../src/sim/worlds/index.js';
import { checkWorldInvariants } from '../../../support/check-world-invariants.js';

const world = loadSampleWorld();
const repo = (fullName: string): SimRepo => {
  const found = world.repos.find((r) => `${r.owner}/${r.name}` === fullName);
  if (!found) throw new Error(`sample world lacks ${fullName}`);
  return found;
};

/** Share of a repository's commits whose author truly lives in one of `countries` (bots and unknowns excluded). */
function commitShare(w: World, r: SimRepo, countries: string[]): number {
  const byLogin = new Map(w.users.map((u) => [u.login, u]));
  let inside = 0;
  let known = 0;
  for (const commit of r.commits) {
    const country = commit.authorLogin
      ? byLogin.get(commit.authorLogin)?.trueCountry
      : w.trueCountryByEmail?.[commit.author.email.toLowerCase()];
    if (!country) continue;
    known++;
    if (countries.includes(country)) inside++;
  }
  return inside / known;
}

function commitsBetween(r: SimRepo, fromIso: string, toIso: string): number {
  return r.commits.filter(
    (c) => c.committer.date >= fromIso && Date.parse(c.committer.date) < Date.parse(toIso),
  ).length;
}

describe('sample world', () => {
  it('keeps every world invariant (ids, numbers, logins, parents, dates, offsets)', () => {
    expect(checkWorldInvariants(world, { contiguousNumbers: true, endIso: SAMPLE_END })).toEqual([]);
  });

  it('is exactly what the generator makes from its seed (committed files are up to date)', () => {
    // If this fails after a generator change, run: npx tsx src/sim/worlds/build-sample.ts
    expect(JSON.stringify(buildSampleWorld())).toBe(JSON.stringify(world));
  }, 30_000);

  it('returns an independent copy on every call', () => {
    const copy = loadSampleWorld();
    copy.repos[0]?.commits.pop();
    expect(loadSampleWorld().repos[0]?.commits.length).toBe(world.repos[0]?.commits.length);
  });

  it('lists the documented repositories, with each odd state once', () => {
    expect(world.repos.map((r) => `${r.owner}/${r.name}`)).toEqual(SAMPLE_REPOS.map((r) => r.fullName));
    expect(world.repos.map((r) => r.status).sort()).toEqual([
      'dmca',
      'empty',
      'gone',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    expect(repo('kitefold/kite-cli').formerNames).toEqual(['kitefold/kite']);
    expect(repo('lotus-dev/placeholder').commits).toHaveLength(0);
  });

  it('has contrasting contributor geography (ground truth)', () => {
    expect(commitShare(world, repo('lotus-dev/lotus-rpc'), ['CN'])).toBeGreaterThan(0.9);
    expect(commitShare(world, repo('meridian-labs/meridian'), ['CN'])).toBeLessThan(0.15);
    expect(commitShare(world, repo('meridian-labs/meridian'), ['CN'])).toBeGreaterThan(0.01);
    const eastAsia = repo('harbor-east/tidepool');
    expect(commitShare(world, eastAsia, ['TW', 'HK', 'SG', 'MY', 'PH', 'AU'])).toBeGreaterThan(0.4);
    expect(commitShare(world, eastAsia, ['CN'])).toBeLessThan(0.1);
  });

  it('knows the true country behind every commit not made by a bot', () => {
    const byLogin = new Map(world.users.map((u) => [u.login, u]));
    const unknown = world.repos
      .flatMap((r) => r.commits)
      .filter((c) => {
        const user = c.authorLogin ? byLogin.get(c.authorLogin) : undefined;
        if (user?.type === 'Bot' || c.author.email.includes('[bot]')) return false;
        return !(user?.trueCountry ?? world.trueCountryByEmail?.[c.author.email.toLowerCase()]);
      });
    expect(unknown.map((c) => c.author.email)).toEqual([]);
  });

  it('puts +08:00 on non-Chinese contributors of the East-Asian project (the ambiguity trap)', () => {
    const byLogin = new Map(world.users.map((u) => [u.login, u]));
    const countries = new Set(
      repo('harbor-east/tidepool')
        .commits.filter((c) => c.author.date.endsWith('+08:00') && c.authorLogin)
        .map((c) => byLogin.get(c.authorLogin as string)?.trueCountry),
    );
    for (const country of ['TW', 'SG', 'HK', 'MY']) expect(countries).toContain(country);
  });

  it('switches daylight-saving offsets at the right dates for American and European contributors', () => {
    const offsets = new Set(repo('meridian-labs/meridian').commits.map((c) => c.author.date.slice(19)));
    for (const offset of ['-05:00', '-04:00', '+01:00', '+02:00', '+05:30', '+09:00', '+08:00'])
      expect(offsets).toContain(offset);
    // An independent oracle: the platform's time-zone database.
    const formatters = new Map<string, Intl.DateTimeFormat>();
    const zoneOffset = (zone: string, iso: string): string => {
      if (!formatters.has(zone))
        formatters.set(
          zone,
          new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }),
        );
      const name = (formatters.get(zone) as Intl.DateTimeFormat)
        .formatToParts(new Date(iso))
        .find((p) => p.type === 'timeZoneName')?.value;
      return name === 'GMT' ? '+00:00' : (name ?? '').replace('GMT', '');
    };
    const zones: Record<string, string> = {
      DE: 'Europe/Berlin',
      GB: 'Europe/London',
      FR: 'Europe/Paris',
      PL: 'Europe/Warsaw',
      CA: 'America/Toronto',
    };
    const byLogin = new Map(world.users.map((u) => [u.login, u]));
    let checked = 0;
    for (const commit of world.repos.flatMap((r) => r.commits)) {
      const zone = zones[byLogin.get(commit.authorLogin ?? '')?.trueCountry ?? ''];
      if (!zone) continue;
      expect(`${commit.author.date} ${commit.author.date.slice(19)}`).toBe(
        `${commit.author.date} ${zoneOffset(zone, commit.author.date)}`,
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('makes the declining project fade over its last year and the growing one grow', () => {
    const quill = repo('quillkit/quill');
    expect(commitsBetween(quill, '2025-11-01', '2026-11-01')).toBeLessThan(
      commitsBetween(quill, '2024-11-01', '2025-11-01') / 2,
    );
    const sprout = repo('sprout-dev/sprout');
    expect(commitsBetween(sprout, '2026-05-01', '2026-11-01')).toBeGreaterThan(
      commitsBetween(sprout, '2025-05-01', '2025-11-01'),
    );
  });

  it('has realistic user variety: bots, null and junk locations, Hanzi, companies, noreply and unlinked authors', () => {
    const people = world.users.filter((u) => u.type === 'User' && u.login !== 'web-flow');
    const nullShare = people.filter((u) => u.location === null).length / people.length;
    expect(nullShare).toBeGreaterThan(0.2);
    expect(nullShare).toBeLessThan(0.45);
    expect(world.users.filter((u) => u.type === 'Bot').map((u) => u.login)).toEqual(
      expect.arrayContaining(['dependabot[bot]', 'renovate[bot]', 'github-actions[bot]']),
    );
    const locations = new Set(people.map((u) => u.location));
    expect([...locations].some((l) => l !== null && /[\u4e00-\u9fff]/.test(l))).toBe(true);
    expect(
      [...locations].some(
        (l) =>
          l === 'Earth' || l === 'Remote' || l === 'localhost' || l === '🇩🇪' || l === 'https://example.dev',
      ),
    ).toBe(true);
    expect(people.some((u) => u.company !== null)).toBe(true);
    expect(people.every((u) => typeof u.trueCountry === 'string')).toBe(true);
    const commits = world.repos.flatMap((r) => r.commits);
    expect(
      commits.some(
        (c) => /^\d+\+[^@]+@users\.noreply\.github\.com$/.test(c.author.email) && c.authorLogin !== null,
      ),
    ).toBe(true);
    expect(
      commits.some((c) => c.authorLogin === null && !c.author.email.endsWith('noreply.github.com')),
    ).toBe(true);
    expect(commits.some((c) => /@(qq|163)\.com$/.test(c.author.email))).toBe(true);
  });

  it('carries ghost authors, unanswered and open items, and hostile bodies', () => {
    const issues = world.repos.flatMap((r) => r.issues);
    expect(issues.some((i) => i.userLogin === null)).toBe(true);
    expect(issues.some((i) => i.state === 'open')).toBe(true);
    expect(issues.some((i) => i.body === null)).toBe(true);
    expect(issues.some((i) => (i.body?.length ?? 0) >= 200_000)).toBe(true);
    expect(issues.some((i) => i.body?.includes('\u202e'))).toBe(true);
    const commented = new Set(
      world.repos.flatMap((r) => r.issueComments.map((c) => `${r.id}#${c.issueNumber}`)),
    );
    const reviewed = new Set(world.repos.flatMap((r) => r.reviews.map((v) => `${r.id}#${v.pullNumber}`)));
    const repoOf = new Map(world.repos.flatMap((r) => r.issues.map((i) => [i, r.id] as const)));
    expect(
      issues.some(
        (i) =>
          !commented.has(`${repoOf.get(i)}#${i.number}`) && !reviewed.has(`${repoOf.get(i)}#${i.number}`),
      ),
    ).toBe(true);
  });

  it('answers slowly in the declining project and quickly in the healthy ones', () => {
    const medianFirstResponseHours = (r: SimRepo): number => {
      const first = new Map<number, string>();
      for (const c of r.issueComments)
        if (!first.has(c.issueNumber) || c.createdAt < (first.get(c.issueNumber) as string))
          first.set(c.issueNumber, c.createdAt);
      const delays = r.issues
        .filter((i) => !i.pullRequest && first.has(i.number))
        .map((i) => (Date.parse(first.get(i.number) as string) - Date.parse(i.createdAt)) / 3_600_000);
      delays.sort((a, b) => a - b);
      return delays[Math.floor(delays.length / 2)] as number;
    };
    expect(medianFirstResponseHours(repo('quillkit/quill'))).toBeGreaterThan(
      2 * medianFirstResponseHours(repo('sprout-dev/sprout')),
    );
  });

  it('has releases on a cadence and merged pull requests with squash commits that reference them', () => {
    const meridian = repo('meridian-labs/meridian');
    expect(meridian.releases.length).toBeGreaterThan(10);
    const merged = meridian.issues.filter((i) => i.pullRequest?.merged);
    const subjects = new Set(meridian.commits.map((c) => c.message));
    expect(merged.length).toBeGreaterThan(100);
    for (const pull of merged.slice(0, 50)) expect(subjects).toContain(`${pull.title} (#${pull.number})`);
  });
});
