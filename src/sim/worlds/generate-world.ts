/**
 * Seeded generator for large worlds (benchmarks): any number of repositories, up to millions of
 * commits. Lean by design for big histories: direct commits share one actor object for author and
 * committer, subjects come from a shared pool, and no closure is made per commit.
 */
import type { SimRepo, World } from '../world.js';
import { deriveSeed, mulberry32, pickFromTable, weightedTable } from '../rng.js';
import { assignWorldIds } from './assign-ids.js';
import { makeRepo } from './make-repo.js';
import {
  botPerson,
  createPeopleFactory,
  makeOrganization,
  makePerson,
  makeServiceAccounts,
  type Person,
} from './people.js';
import { COUNTRIES } from './people-catalog.js';
import { generateRepoActivity, type ActivityLinks, type ActivityShape } from './repo-activity.js';
import type { Team, TeamMember } from './repo-activity.js';
import { logNormal } from '../rng.js';
import { ZONES } from './time-zones.js';

export interface GenerateOptions {
  seed: number;
  /** Number of repositories (default 1). */
  repos?: number;
  commitsPerRepo?: number;
  /** Issues plus pull requests per repository. */
  issuesPerRepo?: number;
  /** Share of items that are pull requests (default 0.5). */
  prRatio?: number;
  commentsPerIssue?: number;
  /** Size of the world's pool of people (default 300). */
  users?: number;
  /** Relative weights of countries (ISO codes present in the people catalog). */
  countryMix?: Record<string, number>;
  /** ISO instant every generated timestamp precedes (default 2026-10-31T23:59:59Z). */
  endDate?: string;
  /** Years of history before endDate (default 3). */
  years?: number;
  shape?: ActivityShape;
  /** Share subject strings and skip merge commits to save memory (default: more than 20,000 commits per repository). */
  lean?: boolean;
}

export const DEFAULT_COUNTRY_MIX: Record<string, number> = {
  CN: 30,
  US: 20,
  DE: 6,
  GB: 5,
  IN: 8,
  JP: 6,
  TW: 3,
  HK: 2,
  SG: 2,
  FR: 4,
  BR: 4,
  CA: 3,
  KR: 3,
  PL: 2,
  RU: 2,
};

const DAY_MS = 86_400_000;

export function generateWorld(options: GenerateOptions): World {
  const seed = options.seed >>> 0;
  const endMs = Date.parse(options.endDate ?? '2026-10-31T23:59:59Z');
  if (Number.isNaN(endMs)) throw new RangeError(`endDate is not an ISO date: ${options.endDate}`);
  const startMs = endMs - Math.round((options.years ?? 3) * 365 * DAY_MS);
  const mix = options.countryMix ?? DEFAULT_COUNTRY_MIX;
  const countries = Object.keys(mix).filter((code) => COUNTRIES[code] && (mix[code] ?? 0) > 0);
  if (countries.length === 0) throw new RangeError('countryMix names no known country');
  const countryTable = weightedTable(
    countries,
    countries.map((code) => mix[code] as number),
  );
  const rng = mulberry32(seed);
  const factory = createPeopleFactory(mulberry32(deriveSeed(seed, 'people')), endMs);
  const service = makeServiceAccounts(factory);
  const bots: Person[] = [botPerson(service.dependabot, ZONES.utc), botPerson(service.renovate, ZONES.utc)];
  const pool: Person[] = [];
  const poolSize = Math.max(4, options.users ?? 300);
  for (let i = 0; i < poolSize; i++)
    pool.push(makePerson(factory, pickFromTable(rng, countryTable), { linked: rng() >= 0.1 }));
  const repos: SimRepo[] = [];
  const links: ActivityLinks[] = [];
  const repoCount = options.repos ?? 1;
  const commits = options.commitsPerRepo ?? 1000;
  for (let r = 0; r < repoCount; r++) {
    const owner = `gen-org-${r % 50}`;
    if (!factory.usedLogins.has(owner)) makeOrganization(factory, owner, null, null);
    const repoRng = mulberry32(deriveSeed(seed, `repo:${r}`));
    const team = sampleTeam(repoRng, pool, bots, service, startMs, endMs);
    const generated = generateRepoActivity(
      repoRng,
      {
        startMs,
        endMs,
        shape: options.shape ?? 'steady',
        commits,
        items: options.issuesPerRepo ?? 100,
        prShare: options.prRatio ?? 0.5,
        commentsPerItem: options.commentsPerIssue ?? 2,
        firstResponseMedianHours: 10,
        neverAnsweredShare: 0.1,
        closeShare: 0.75,
        mergeShare: 0.75,
        releaseEveryDays: 30,
        botPrShare: 0.1,
        language: 'en',
        deletedAuthorShare: 0.01,
        hugeBodies: 0,
        mergeCommitShare: 0,
        defaultBranch: 'main',
        lean: options.lean ?? commits > 20_000,
      },
      team,
    );
    links.push(generated.links);
    repos.push(
      makeRepo(
        {
          id: 700_000_000 + r * 17 + 1,
          owner,
          name: `project-${r}`,
          description: `Generated project ${r}`,
          language: 'TypeScript',
          topics: [],
          license: 'mit',
          defaultBranch: 'main',
          createdMs: startMs - 30 * DAY_MS,
          stargazersCount: Math.floor(logNormal(repoRng, 300, 1.5)),
          forksCount: Math.floor(logNormal(repoRng, 40, 1.5)),
        },
        generated.activity,
      ),
    );
  }
  const world: World = {
    users: factory.users.sort((a, b) => a.id - b.id),
    repos,
    trueCountryByEmail: factory.trueCountryByEmail,
  };
  assignWorldIds(rng, world, links);
  return world;
}

/** A team drawn from the world's pool: a few maintainers and a long tail of contributors. */
function sampleTeam(
  rng: () => number,
  pool: Person[],
  bots: Person[],
  service: ReturnType<typeof makeServiceAccounts>,
  startMs: number,
  endMs: number,
): Team {
  const size = Math.min(pool.length, 8 + Math.floor(rng() * 60));
  const chosen = new Set<Person>();
  while (chosen.size < size) chosen.add(pool[Math.floor(rng() * pool.length)] as Person);
  const linked = [...chosen].filter((p) => p.user !== null);
  const maintainerPeople = (linked.length > 0 ? linked : [...chosen]).slice(0, 3);
  const members: TeamMember[] = [...chosen].map((person) => ({
    person,
    weight: maintainerPeople.includes(person) ? logNormal(rng, 60, 0.4) : logNormal(rng, 3, 1.1),
    activeFromMs: maintainerPeople.includes(person) ? startMs : startMs + rng() * (endMs - startMs) * 0.9,
    activeToMs: endMs,
  }));
  const maintainers = members.filter((m) => maintainerPeople.includes(m.person));
  const reporters = pool.filter(() => rng() < 0.3);
  return { maintainers, members, reporters, bots, actionsBot: service.actions, webFlow: service.webFlow };
}
