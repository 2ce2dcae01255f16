import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import type { SimRepo, World } from '../../../src/sim/world.js';
import { createTestPostgres, type TestPostgres } from '../../support/db.js';
import { runCli, type CliResult } from '../../support/run-cli.js';
import { tinyWorld } from '../../support/sim-worlds.js';

// Each step spawns the real CLI (tsx compiles on start): seconds each on a loaded 2-core machine.
jest.setTimeout(180_000);

const EXTRA = 130;

/**
 * tinyWorld (acme: widgets, empty, gone, blocked, renamed-new; alice/solo) plus acme/r001…r130:
 * every 10th a fork, every 15th archived (so every 30th both). The deleted acme/gone is not listed,
 * so GitHub lists 134 repositories for acme: two pages of 100.
 */
function orgWorld(): World {
  const world = tinyWorld();
  const template = world.repos.find((r) => r.name === 'renamed-new') as SimRepo;
  for (let i = 1; i <= EXTRA; i++) {
    world.repos.push({
      ...template,
      id: 50_000 + i,
      name: `r${String(i).padStart(3, '0')}`,
      formerNames: [],
      fork: i % 10 === 0,
      archived: i % 15 === 0,
      createdAt: new Date(Date.UTC(2022, 0, 1) + i * 86_400_000).toISOString(),
    });
  }
  return world;
}

interface OrgJson {
  owner: string;
  ownerType: string;
  listed: number;
  added: string[];
  existing: string[];
  skipped: { repository: string; reasons: string[] }[];
  portfolio: string | null;
}

interface ListJson {
  repositories: { repository: string; githubId: number | null; portfolios: string[] }[];
}

describe('vitals repo add --org (spawned CLI, PostgreSQL, simulator over HTTP)', () => {
  let sim: RunningSimulator;
  let pg: TestPostgres;
  let token: string;
  let env: Record<string, string>;
  let acme: SimRepo[];
  const outputs: CliResult[] = [];

  const vitals = async (args: string[], extra: Record<string, string> = {}) => {
    const result = await runCli(args, { ...env, ...extra });
    outputs.push(result);
    return result;
  };
  const list = async () => JSON.parse((await vitals(['repo', 'list', '--json'])).stdout) as ListJson;
  const orgRequests = () =>
    Object.entries(sim.stats().byEndpoint)
      .filter(([endpoint]) => /\/(orgs|users)\//.test(endpoint))
      .reduce((sum, [, n]) => sum + n, 0);

  beforeAll(async () => {
    sim = await startSimulator({ world: orgWorld() });
    pg = await createTestPostgres();
    // Built at run time, never shaped like a real GitHub token.
    token = `org-test-${randomBytes(12).toString('hex')}`;
    env = { DATABASE_URL: pg.url, GITHUB_API_URL: sim.url, GITHUB_TOKEN: token };
    acme = sim.world.repos.filter((r) => r.owner === 'acme' && r.status !== 'gone');
  });
  afterAll(async () => {
    await pg?.drop();
    await sim?.close();
  });

  it('refuses a malformed organisation with exit 2 before asking GitHub', async () => {
    sim.resetStats();
    for (const [org, reason] of [
      ['bad_org', 'only letters, digits and single hyphens'],
      ['a--b', 'only letters, digits and single hyphens'],
      ['trailing-', 'only letters, digits and single hyphens'],
      ['x'.repeat(40), 'longer than 39 characters'],
    ] as const) {
      const result = await vitals(['repo', 'add', '--org', org]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Invalid organisation or user "${org}": it`);
      expect(result.stderr).toContain(reason);
      expect(result.stderr).toContain('[INPUT_INVALID]');
    }
    expect(orgRequests()).toBe(0);
    expect((await list()).repositories).toEqual([]);
  });

  it('refuses names together with --org, and the --include flags without --org (exit 2)', async () => {
    const both = await vitals(['repo', 'add', 'acme/widgets', '--org', 'acme']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give either OWNER/NAME arguments or --org, not both');
    const flags = await vitals(['repo', 'add', 'acme/widgets', '--include-forks']);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--include-forks and --include-archived apply only with --org');
    const nothing = await vitals(['repo', 'add']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Name repositories (OWNER/NAME…) or an organisation (--org ORG)');
    expect((await list()).repositories).toEqual([]);
  });

  it('an unknown organisation or user is exit 2 with GH_OWNER_NOT_FOUND, and registers nothing', async () => {
    const result = await vitals(['repo', 'add', '--org', 'nobody-here', '--portfolio', 'ghosts']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GitHub has no organisation or user named "nobody-here"');
    expect(result.stderr).toContain('[GH_OWNER_NOT_FOUND]');
    expect((await list()).repositories).toEqual([]);
  });

  it('registers an organisation of more than 100 repositories with their GitHub ids, skipping forks and archived ones', async () => {
    sim.resetStats();
    const result = await vitals(['repo', 'add', '--org', 'acme', '--portfolio', 'acme-all', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as OrgJson;
    const kept = acme.filter((r) => !r.fork && !r.archived);
    expect(acme.length).toBe(134);
    expect(out).toMatchObject({
      owner: 'acme',
      ownerType: 'organization',
      listed: 134,
      portfolio: 'acme-all',
    });
    expect(out.existing).toEqual([]);
    expect([...out.added].sort()).toEqual(kept.map((r) => `acme/${r.name}`).sort());
    expect(out.added).toHaveLength(134 - 17);
    const skipped = new Map(out.skipped.map((s) => [s.repository, s.reasons]));
    expect(skipped.size).toBe(17);
    expect(skipped.get('acme/r010')).toEqual(['fork']);
    expect(skipped.get('acme/r015')).toEqual(['archived']);
    expect(skipped.get('acme/r030')).toEqual(['fork', 'archived']);
    // Two pages, the second reached through the Link header.
    expect(orgRequests()).toBe(2);

    const listed = (await list()).repositories;
    expect(listed).toHaveLength(kept.length);
    const idByName = new Map(acme.map((r) => [`acme/${r.name}`, r.id]));
    for (const r of listed) {
      expect(r.githubId).toBe(idByName.get(r.repository));
      expect(r.portfolios).toEqual(['acme-all']);
    }
  });

  it('a second run changes nothing and says so; a renamed repository is not registered twice', async () => {
    const renamed = acme.find((r) => r.name === 'r001') as SimRepo;
    renamed.formerNames = ['acme/r001'];
    renamed.name = 'r001-renamed';
    sim.worldChanged();
    const again = await vitals(['repo', 'add', '--org', 'acme']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      [
        'organisation acme: 134 repositories listed',
        '117 already registered (no change)',
        'skipped 17: 13 forks (--include-forks adds them), 8 archived (--include-archived adds them)',
        '0 added, 117 already registered, 17 skipped',
        '',
      ].join('\n'),
    );
    expect((await list()).repositories).toHaveLength(117);
  });

  it('the crawl follows the rename of a repository registered with its id', async () => {
    const crawl = await vitals(['crawl', 'acme/r001']);
    expect(crawl.stderr).not.toMatch(/unexpected failure/);
    expect(crawl.code).toBe(0);
    const listed = (await list()).repositories;
    expect(listed.find((r) => r.githubId === 50_001)?.repository).toBe('acme/r001-renamed');
    expect(listed).toHaveLength(117);
  });

  it('--include-forks and --include-archived add what was skipped', async () => {
    const forks = await vitals(['repo', 'add', '--org', 'ACME', '--include-forks', '--json']);
    expect(forks.code).toBe(0);
    const forksOut = JSON.parse(forks.stdout) as OrgJson;
    // 13 forks, of which 4 are archived too and stay skipped.
    expect(forksOut.added).toHaveLength(9);
    expect(forksOut.added).toContain('acme/r010');
    expect(forksOut.skipped).toHaveLength(8);
    expect(forksOut.skipped.every((s) => s.reasons.join() === 'archived')).toBe(true);
    const all = await vitals(['repo', 'add', '--org', 'acme', '--include-forks', '--include-archived']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('added acme/r015\n');
    expect(all.stdout).toContain('added acme/r030\n');
    expect(all.stdout).toContain('8 added, 126 already registered, 0 skipped\n');
    expect((await list()).repositories).toHaveLength(134);
  });

  it('a user account works too (/users/{username}/repos after /orgs/ answers 404)', async () => {
    const result = await vitals(['repo', 'add', '--org', 'alice', '--portfolio', 'people']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'user alice: 1 repository listed\nadded alice/solo\n1 added, 0 already registered, 0 skipped\nin portfolio people\n',
    );
    const solo = (await list()).repositories.find((r) => r.repository === 'alice/solo');
    expect(solo?.githubId).toBe(2005);
    expect(solo?.portfolios).toEqual(['people']);
  });

  it('never shows the token, even with debug logs and on failures', async () => {
    await vitals(['repo', 'add', '--org', 'acme'], { LOG_LEVEL: 'debug' });
    await vitals(['repo', 'add', '--org', 'nobody-here'], { LOG_LEVEL: 'debug' });
    expect(outputs.length).toBeGreaterThan(10);
    for (const { stdout, stderr } of outputs) {
      expect(stdout).not.toContain(token);
      expect(stderr).not.toContain(token);
    }
  });
});
