import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { buildRepositoryReport } from '../../../src/cli/commands/report.command.js';
import { explainContributor, formatExplanation } from '../../../src/cli/commands/geo-explain.command.js';
import { applyOverride } from '../../../src/cli/commands/geo-override.command.js';
import { inferGeography } from '../../../src/runtime/infer-geography.js';
import { generateWorld } from '../../../src/sim/worlds/index.js';
import type { World } from '../../../src/sim/world.js';
import { findGeoPerson } from '../../../src/store/geo-person.store.js';
import { getRepository } from '../../../src/store/repository.store.js';
import { runCli } from '../../support/run-cli.js';
import { startCrawlFixture, type CrawlFixture } from '../crawl/crawl-fixture.js';

jest.setTimeout(120_000);

const SHARE_KEYS = ['china', 'coverage', 'lower', 'outsideChina', 'share', 'unknown', 'upper'];

interface PersonRow {
  person_key: string;
  login: string | null;
  region: string;
  country: string | null;
  inferred_at: Date;
}

describe('geography over stored data: inference, overrides, explain, report (PostgreSQL + simulator)', () => {
  let world: World;
  let fx: CrawlFixture;
  let ids: number[];

  const people = async () =>
    (
      await sql<PersonRow>`select person_key, login, region, country, inferred_at from geo_person order by person_key`.execute(
        fx.db,
      )
    ).rows;

  beforeAll(async () => {
    world = generateWorld({ seed: 11, repos: 2, commitsPerRepo: 300, issuesPerRepo: 60, users: 60 });
    fx = await startCrawlFixture(world);
    ids = await fx.register(world.repos.map((r) => `${r.owner}/${r.name}`));
    expect((await fx.crawl(ids)).completed).toBe(true);
  });
  afterAll(async () => fx?.close());

  it('infers every non-bot person once, and re-infers nobody when nothing changed', async () => {
    const first = await inferGeography(fx.db, ids, { mode: 'mainland' });
    expect(first.people).toBeGreaterThan(10);
    expect(first.inferred).toBe(first.people);
    const stored = await people();
    expect(stored).toHaveLength(first.people);
    expect(stored.some((p) => p.person_key.endsWith('[bot]'))).toBe(false);
    expect(stored.filter((p) => p.region !== 'UNKNOWN').length).toBeGreaterThan(first.people / 2);

    const second = await inferGeography(fx.db, ids, { mode: 'mainland' });
    expect(second).toMatchObject({ people: first.people, inferred: 0, unchanged: first.people });
    expect(await people()).toEqual(stored);
  });

  it('re-infers exactly the people whose inputs changed: a new profile location, new commit offsets', async () => {
    const before = await people();
    const target = before.find((p) => p.login !== null && p.region === 'CN');
    expect(target).toBeDefined();
    // The users stage re-fetched the profile with a new location.
    await sql`update github_user set location = 'Berlin, Germany' where lower(login) = ${target!.person_key}`.execute(
      fx.db,
    );
    // A commit author's new commits, all at US daylight time, from a crawl of new history.
    // Another person with commits (not a bot, not the one above) gets new commits.
    const { rows } = await sql<{
      key: string;
      author_user_id: number | null;
      author_login: string | null;
      author_email: string;
    }>`
      select coalesce(lower(u.login), 'email:' || lower(c.author_email)) as key,
        c.author_user_id, c.author_login, c.author_email
      from "commit" c left join github_user u on u.id = c.author_user_id
      where not coalesce(u.is_bot, false) and c.author_email not like '%noreply%'
        and coalesce(lower(u.login), '') <> ${target!.person_key}
      order by c.sha limit 1`.execute(fx.db);
    const other = { person_key: rows[0]!.key };
    const author = rows[0]!;
    for (let i = 0; i < 3; i += 1)
      await sql`insert into "commit" (repository_id, sha, author_name, author_email, author_login, author_user_id,
          authored_at, author_utc_offset_minutes, committer_name, committer_email, committed_at,
          committer_utc_offset_minutes, message_headline, parent_count)
        values (${ids[0]!}, ${`feedface${i}`.padEnd(40, '0')}, 'x', ${author.author_email}, ${author.author_login},
          ${author.author_user_id}, now(), -240, 'x', ${author.author_email}, now(), -240, 'new work', 1)`.execute(
        fx.db,
      );

    const outcome = await inferGeography(fx.db, ids, { mode: 'mainland' });
    expect(outcome.inferred).toBe(2);
    const after = await people();
    const changed = after.filter((p, i) => p.inferred_at.getTime() !== before[i]!.inferred_at.getTime());
    expect(changed.map((p) => p.person_key).sort()).toEqual([target!.person_key, other.person_key].sort());
    expect(after.find((p) => p.person_key === target!.person_key)).toMatchObject({
      region: 'OTHER',
      country: 'DE',
    });
  });

  it('applies an override at once, keeps it through a re-crawl and a forced re-inference, audits it', async () => {
    const person = (await people()).find((p) => p.login !== null && p.country !== 'NZ')!;
    const login = person.login!;
    const set = await applyOverride(fx.db, {
      subject: login.toLowerCase(),
      country: 'NZ',
      reason: 'told us at the summit',
      actor: 'ops-alice',
    });
    expect(set).toMatchObject({ country: 'NZ', previousCountry: null, actor: 'ops-alice' });
    expect(await findGeoPerson(fx.db, login)).toMatchObject({
      country: 'NZ',
      region: 'OTHER',
      overrideCountry: 'NZ',
    });

    expect((await fx.crawl(ids)).completed).toBe(true);
    // A re-fetched profile now says otherwise: the person is re-inferred, the override still wins.
    await sql`update github_user set location = 'Shanghai' where lower(login) = ${login.toLowerCase()}`.execute(
      fx.db,
    );
    expect((await inferGeography(fx.db, ids, { mode: 'mainland' })).inferred).toBe(1);
    expect(await findGeoPerson(fx.db, login)).toMatchObject({ country: 'NZ', overrideCountry: 'NZ' });
    await inferGeography(fx.db, ids, { mode: 'mainland', force: true });
    const kept = await findGeoPerson(fx.db, login);
    expect(kept).toMatchObject({ country: 'NZ', region: 'OTHER', confidence: 1, overrideCountry: 'NZ' });
    // The override decides; what the evidence alone says stays listed, not counted.
    expect(kept?.signals[0]).toMatchObject({ kind: 'override', country: 'NZ' });
    expect(kept?.signals.length).toBeGreaterThan(1);
    for (const s of kept!.signals.slice(1))
      expect(s).toMatchObject({ weight: 0, evidence: expect.stringMatching(/^overridden: /) });

    const explanation = await explainContributor(fx.db, login, 'mainland');
    expect(explanation.override).toMatchObject({
      country: 'NZ',
      setBy: 'ops-alice',
      reason: 'told us at the summit',
    });
    expect(explanation.overrideHistory).toEqual([
      expect.objectContaining({ action: 'set', country: 'NZ', previousCountry: null, actor: 'ops-alice' }),
    ]);

    await applyOverride(fx.db, {
      subject: login.toLowerCase(),
      country: null,
      reason: 'wrong person',
      actor: 'ops-bob',
    });
    const cleared = await findGeoPerson(fx.db, login);
    expect(cleared?.overrideCountry).toBeNull();
    expect(cleared?.signals.map((s) => s.kind)).not.toContain('override');
    const history = (await explainContributor(fx.db, login, 'mainland')).overrideHistory;
    expect(history.map((h) => [h.action, h.country, h.previousCountry, h.actor])).toEqual([
      ['set', 'NZ', null, 'ops-alice'],
      ['clear', null, 'NZ', 'ops-bob'],
    ]);
  });

  it('explains a decision with each signal’s evidence', async () => {
    const located = (await people()).find((p) => p.login !== null && p.country !== null)!;
    const e = await explainContributor(fx.db, located.login!, 'mainland');
    expect(e).toMatchObject({
      login: located.login,
      country: located.country,
      region: located.region,
      mode: 'mainland',
    });
    expect(e.signals.length).toBeGreaterThan(0);
    for (const s of e.signals) {
      expect(Object.keys(s).sort()).toEqual(['country', 'evidence', 'kind', 'value', 'weight']);
      expect(s.evidence.length).toBeGreaterThan(0);
    }
    const text = formatExplanation(e);
    expect(text).toContain(`region       ${located.region}  (mode mainland)`);
    for (const s of e.signals) expect(text).toContain(s.evidence);
    expect(text).toContain('override     none');
  });

  it('reports geography exactly as design §3 defines it, bots excluded, for every window and month', async () => {
    const repo = await getRepository(fx.db, ids[0]!);
    const report = await buildRepositoryReport(fx.db, repo, new Date('2100-01-01'), 'mainland');
    const g = report.geography!;
    expect(g.mode).toBe('mainland');
    expect(['all', '365d', '90d']).toContain(g.window);
    const blocks = [g, g.windows.all, g.windows['365d'], g.windows['90d'], ...g.monthly];
    for (const block of blocks)
      for (const axis of ['byCommits', 'byContributors', 'byPullRequests', 'byIssues'] as const) {
        const s = block[axis];
        expect(Object.keys(s).sort()).toEqual(SHARE_KEYS);
        const total = s.outsideChina + s.china + s.unknown;
        if (total === 0) {
          expect([s.share, s.coverage, s.lower, s.upper]).toEqual([null, null, null, null]);
          continue;
        }
        expect(s.coverage).toBeCloseTo((s.outsideChina + s.china) / total, 12);
        expect(s.lower).toBeCloseTo(s.outsideChina / total, 12);
        expect(s.upper).toBeCloseTo((s.outsideChina + s.unknown) / total, 12);
        if (s.outsideChina + s.china > 0)
          expect(s.share).toBeCloseTo(s.outsideChina / (s.outsideChina + s.china), 12);
      }
    // Bots are excluded: the commit volume is the stored non-bot commits.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from "commit" c left join github_user u on u.id = c.author_user_id
      where c.repository_id = ${ids[0]!} and not coalesce(u.is_bot, false)
        and coalesce(u.login, c.author_login, '') not like '%[bot]'
        and coalesce(c.author_email, '') not like '%[bot]@%'`.execute(fx.db);
    const c = g.byCommits;
    expect(c.outsideChina + c.china + c.unknown).toBe(rows[0]!.n);
    // The monthly series adds up to the all-time window.
    const monthly = g.monthly.reduce(
      (sum, m) => sum + m.byCommits.outsideChina + m.byCommits.china + m.byCommits.unknown,
      0,
    );
    expect(monthly).toBe(rows[0]!.n);
    expect(g.windows['90d'].byCommits.outsideChina).toBeLessThanOrEqual(
      g.windows['365d'].byCommits.outsideChina,
    );
    expect(JSON.parse(JSON.stringify(report)).geography.byIssues).toEqual(g.byIssues);
  });

  it('CLI: override validates its input (exit 2), explain prints JSON for operators', async () => {
    const env = { DATABASE_URL: fx.pg.url };
    const login = (await people()).find((p) => p.login !== null)!.login!;
    const badCountry = await runCli(['geo', 'override', login, 'XX', '--reason', 'r'], env);
    expect(badCountry.code).toBe(2);
    expect(badCountry.stderr).toContain('ISO 3166-1 alpha-2');
    const noReason = await runCli(['geo', 'override', login, 'DE'], env);
    expect(noReason.code).toBe(2);
    const unknown = await runCli(['geo', 'explain', 'nobody-here-at-all'], env);
    expect(unknown.code).toBe(2);

    const set = await runCli(
      ['geo', 'override', login, 'pt', '--reason', 'moved to Lisbon', '--by', 'ops-carol', '--json'],
      env,
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      country: 'PT',
      actor: 'ops-carol',
      explanation: { country: 'PT' },
    });
    const explained = await runCli(['geo', 'explain', login, '--json'], env);
    expect(explained.code).toBe(0);
    const doc = JSON.parse(explained.stdout) as {
      country: string;
      override: { reason: string };
      signals: unknown[];
    };
    expect(doc).toMatchObject({ country: 'PT', override: { reason: 'moved to Lisbon', setBy: 'ops-carol' } });
    // The override re-inferred the person at once: a later inference finds nothing changed.
    const infer = await runCli(['geo', 'infer', '--all', '--json'], env);
    expect(infer.code).toBe(0);
    expect(JSON.parse(infer.stdout)).toMatchObject({ repositories: 2, mode: 'mainland', inferred: 0 });
    const text = await runCli(['geo', 'explain', login], env);
    expect(text.stdout).toContain('override     PT set by ops-carol');
  });
});
