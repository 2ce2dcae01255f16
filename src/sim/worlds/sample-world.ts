/**
 * The bundled sample world: a handful of invented projects with contrasting contributor geography
 * and health, plus one repository in each odd state. Built by our generator from a fixed seed; the
 * result is committed under ./sample (see build-sample.ts) and read by loadSampleWorld().
 */
import type { SimRepo, World } from '../world.js';
import { deriveSeed, mulberry32 } from '../rng.js';
import { assignWorldIds } from './assign-ids.js';
import { makeRepo, type RepoMeta } from './make-repo.js';
import {
  botPerson,
  createPeopleFactory,
  makeOrganization,
  makePerson,
  makeServiceAccounts,
  type Person,
} from './people.js';
import { generateRepoActivity, type ActivityLinks, type ActivityPlan } from './repo-activity.js';
import { buildTeam, type TeamSpec } from './team.js';
import { ZONES } from './time-zones.js';

export const SAMPLE_SEED = 20261031;
/** Every sample-world timestamp lies before this instant. */
export const SAMPLE_END = '2026-10-31T23:59:59Z';

const DAY_MS = 86_400_000;

export interface SampleRepoCharacter {
  fullName: string;
  character: string;
}

/** What each sample repository is meant to show (for the README, the demo and tests). */
export const SAMPLE_REPOS: readonly SampleRepoCharacter[] = [
  {
    fullName: 'lotus-dev/lotus-rpc',
    character:
      'mainland-China-centred RPC framework: Beijing/Shanghai/Hangzhou/Shenzhen, +08:00, qq.com/163.com/edu.cn, Chinese text; steady and responsive',
  },
  {
    fullName: 'meridian-labs/meridian',
    character:
      'genuinely international: Americas, Europe, India, Japan and some China; DST-switching offsets; healthy',
  },
  {
    fullName: 'harbor-east/tidepool',
    character:
      'mixed East Asia: Taipei, Hong Kong, Singapore, Kuala Lumpur, Manila, Perth, Tokyo, Seoul plus a few mainland — the +08:00 ambiguity trap',
  },
  {
    fullName: 'quillkit/quill',
    character:
      'declining: European/US project whose activity fades over the last year, maintainers leave, responses slow, many issues unanswered',
  },
  {
    fullName: 'sprout-dev/sprout',
    character:
      'young and growing fast: India, US, Europe, Brazil, Nepal (+05:45), some China; quick responses',
  },
  { fullName: 'kitefold/kite-cli', character: 'renamed (formerly kitefold/kite): small, mixed' },
  { fullName: 'lotus-dev/placeholder', character: "status 'empty': no commits (409/204)" },
  { fullName: 'vanished-co/old-tool', character: "status 'gone': answers 404 everywhere" },
  { fullName: 'takedown-demo/media-grabber', character: "status 'dmca': answers 451" },
];

interface SampleRepoSpec {
  meta: Omit<RepoMeta, 'createdMs'>;
  team: Omit<TeamSpec, 'startMs' | 'endMs' | 'bots' | 'actionsBot' | 'webFlow' | 'shape'>;
  plan: Partial<ActivityPlan> & Pick<ActivityPlan, 'commits' | 'items'>;
  startIso: string;
  orgCountry: string | null;
  orgLocation: string | null;
}

const BASE_PLAN: Omit<ActivityPlan, 'startMs' | 'endMs' | 'commits' | 'items'> = {
  shape: 'steady',
  prShare: 0.55,
  commentsPerItem: 2.5,
  firstResponseMedianHours: 8,
  neverAnsweredShare: 0.08,
  closeShare: 0.8,
  mergeShare: 0.8,
  releaseEveryDays: 35,
  botPrShare: 0.12,
  language: 'en',
  deletedAuthorShare: 0.015,
  hugeBodies: 0,
  mergeCommitShare: 0.02,
  defaultBranch: 'main',
  lean: false,
};

const SPECS: SampleRepoSpec[] = [
  {
    meta: {
      id: 610_000_101,
      owner: 'lotus-dev',
      name: 'lotus-rpc',
      description: '高性能、轻量级的 RPC 框架 / A lightweight, high-performance RPC framework',
      language: 'Java',
      topics: ['rpc', 'microservices', 'java'],
      license: 'apache-2.0',
      defaultBranch: 'main',
      stargazersCount: 18_400,
      forksCount: 6_100,
      homepage: 'https://lotus-rpc.example.org',
    },
    team: {
      maintainers: [['CN', 4]],
      contributors: [
        ['CN', 38],
        ['US', 1],
        ['SG', 1],
        ['TW', 1],
        ['DE', 1],
      ],
      reporters: [
        ['CN', 70],
        ['IN', 3],
        ['US', 3],
        ['HK', 2],
        ['JP', 2],
      ],
      unlinkedShare: 0.2,
    },
    plan: {
      commits: 2200,
      items: 650,
      language: 'zh',
      firstResponseMedianHours: 10,
      neverAnsweredShare: 0.12,
      hugeBodies: 1,
      mergeCommitShare: 0.04,
    },
    startIso: '2023-11-01T00:00:00Z',
    orgCountry: 'CN',
    orgLocation: 'Hangzhou, China',
  },
  {
    meta: {
      id: 610_000_202,
      owner: 'meridian-labs',
      name: 'meridian',
      description: 'A fast, pluggable build tool for the web',
      language: 'TypeScript',
      topics: ['build-tool', 'bundler', 'typescript'],
      license: 'mit',
      defaultBranch: 'main',
      stargazersCount: 42_000,
      forksCount: 3_900,
    },
    team: {
      maintainers: [
        ['US', 1],
        ['DE', 1],
        ['IN', 1],
        ['JP', 1],
      ],
      contributors: [
        ['US', 14],
        ['DE', 8],
        ['GB', 6],
        ['FR', 5],
        ['IN', 8],
        ['JP', 6],
        ['BR', 4],
        ['CA', 3],
        ['PL', 3],
        ['NL', 2],
        ['UA', 2],
        ['CN', 6],
        ['KR', 2],
        ['AU', 1],
      ],
      reporters: [
        ['US', 30],
        ['DE', 10],
        ['IN', 15],
        ['CN', 12],
        ['JP', 8],
        ['BR', 6],
        ['GB', 8],
        ['FR', 5],
        ['RU', 3],
      ],
      unlinkedShare: 0.12,
    },
    plan: { commits: 2600, items: 900, firstResponseMedianHours: 5, neverAnsweredShare: 0.05, hugeBodies: 1 },
    startIso: '2023-11-01T00:00:00Z',
    orgCountry: null,
    orgLocation: null,
  },
  {
    meta: {
      id: 610_000_303,
      owner: 'harbor-east',
      name: 'tidepool',
      description: 'Connection pooling and retries for edge services',
      language: 'Go',
      topics: ['go', 'networking'],
      license: 'bsd-3-clause',
      defaultBranch: 'main',
      stargazersCount: 5_200,
      forksCount: 610,
    },
    team: {
      maintainers: [
        ['TW', 1],
        ['SG', 1],
        ['JP', 1],
      ],
      contributors: [
        ['TW', 7],
        ['HK', 6],
        ['SG', 6],
        ['MY', 4],
        ['PH', 3],
        ['AU', 3],
        ['JP', 4],
        ['KR', 2],
        ['CN', 4],
      ],
      reporters: [
        ['TW', 10],
        ['HK', 8],
        ['SG', 8],
        ['MY', 5],
        ['PH', 5],
        ['JP', 6],
        ['CN', 6],
        ['AU', 3],
      ],
      unlinkedShare: 0.15,
    },
    plan: { commits: 1400, items: 450, firstResponseMedianHours: 12 },
    startIso: '2023-11-01T00:00:00Z',
    orgCountry: 'TW',
    orgLocation: 'Taipei',
  },
  {
    meta: {
      id: 610_000_404,
      owner: 'quillkit',
      name: 'quill',
      description: 'Markdown-first static documentation generator',
      language: 'Python',
      topics: ['documentation', 'markdown'],
      license: 'mit',
      defaultBranch: 'master',
      stargazersCount: 9_800,
      forksCount: 1_200,
    },
    team: {
      maintainers: [
        ['GB', 1],
        ['DE', 1],
        ['US', 1],
      ],
      contributors: [
        ['GB', 6],
        ['DE', 6],
        ['US', 8],
        ['FR', 3],
        ['NL', 2],
        ['PL', 2],
        ['CN', 2],
        ['IN', 2],
      ],
      reporters: [
        ['US', 20],
        ['DE', 8],
        ['GB', 6],
        ['IN', 8],
        ['CN', 5],
        ['FR', 4],
      ],
      unlinkedShare: 0.1,
    },
    plan: {
      commits: 1500,
      items: 550,
      shape: 'declining',
      firstResponseMedianHours: 30,
      neverAnsweredShare: 0.22,
      closeShare: 0.6,
      mergeShare: 0.65,
      releaseEveryDays: 45,
      hugeBodies: 1,
      defaultBranch: 'master',
    },
    startIso: '2023-11-01T00:00:00Z',
    orgCountry: null,
    orgLocation: 'Europe',
  },
  {
    meta: {
      id: 610_000_505,
      owner: 'sprout-dev',
      name: 'sprout',
      description: 'Tiny reactive state for any UI framework',
      language: 'TypeScript',
      topics: ['state-management', 'reactive'],
      license: 'mit',
      defaultBranch: 'main',
      stargazersCount: 3_100,
      forksCount: 240,
    },
    team: {
      maintainers: [
        ['IN', 1],
        ['US', 1],
        ['NP', 1],
      ],
      contributors: [
        ['IN', 12],
        ['US', 9],
        ['DE', 5],
        ['BR', 5],
        ['CN', 6],
        ['NP', 2],
        ['RU', 2],
        ['FR', 3],
        ['GB', 2],
        ['JP', 2],
      ],
      reporters: [
        ['IN', 15],
        ['US', 15],
        ['BR', 6],
        ['CN', 8],
        ['DE', 5],
      ],
      unlinkedShare: 0.1,
    },
    plan: {
      commits: 1600,
      items: 600,
      shape: 'growing',
      firstResponseMedianHours: 4,
      neverAnsweredShare: 0.04,
      releaseEveryDays: 21,
    },
    startIso: '2024-06-01T00:00:00Z',
    orgCountry: 'IN',
    orgLocation: 'Bengaluru',
  },
  {
    meta: {
      id: 610_000_606,
      owner: 'kitefold',
      name: 'kite-cli',
      formerNames: ['kitefold/kite'],
      description: 'Command-line client for Kite',
      language: 'Rust',
      topics: ['cli'],
      license: 'mit',
      defaultBranch: 'main',
      stargazersCount: 420,
      forksCount: 31,
    },
    team: {
      maintainers: [['FR', 1]],
      contributors: [
        ['FR', 2],
        ['CN', 2],
        ['US', 2],
        ['KR', 1],
      ],
      reporters: [
        ['US', 4],
        ['CN', 3],
      ],
      unlinkedShare: 0.1,
    },
    plan: { commits: 140, items: 45, releaseEveryDays: 60 },
    startIso: '2024-02-01T00:00:00Z',
    orgCountry: null,
    orgLocation: null,
  },
  {
    meta: {
      id: 610_000_707,
      owner: 'lotus-dev',
      name: 'placeholder',
      status: 'empty',
      description: null,
      language: null,
      topics: [],
      license: null,
      defaultBranch: 'main',
      stargazersCount: 2,
      forksCount: 0,
    },
    team: { maintainers: [['CN', 1]], contributors: [], reporters: [], unlinkedShare: 0 },
    plan: { commits: 0, items: 0, releaseEveryDays: null },
    startIso: '2026-09-01T00:00:00Z',
    orgCountry: 'CN',
    orgLocation: 'Hangzhou, China',
  },
  {
    meta: {
      id: 610_000_808,
      owner: 'vanished-co',
      name: 'old-tool',
      status: 'gone',
      description: 'Deprecated',
      language: 'C',
      topics: [],
      license: 'mit',
      defaultBranch: 'main',
      stargazersCount: 80,
      forksCount: 9,
    },
    team: { maintainers: [['US', 1]], contributors: [['GB', 1]], reporters: [['US', 2]], unlinkedShare: 0 },
    plan: { commits: 25, items: 6, releaseEveryDays: null },
    startIso: '2023-12-01T00:00:00Z',
    orgCountry: 'US',
    orgLocation: null,
  },
  {
    meta: {
      id: 610_000_909,
      owner: 'takedown-demo',
      name: 'media-grabber',
      status: 'dmca',
      description: 'Download media from anywhere',
      language: 'Python',
      topics: [],
      license: null,
      defaultBranch: 'main',
      stargazersCount: 1_500,
      forksCount: 300,
    },
    team: { maintainers: [['NL', 1]], contributors: [['DE', 1]], reporters: [['US', 2]], unlinkedShare: 0 },
    plan: { commits: 30, items: 8, releaseEveryDays: null },
    startIso: '2024-03-01T00:00:00Z',
    orgCountry: null,
    orgLocation: null,
  },
];

/** Builds the sample world from scratch (deterministic); prefer loadSampleWorld(), which reads the committed copy. */
export function buildSampleWorld(): World {
  const rng = mulberry32(SAMPLE_SEED);
  const endMs = Date.parse(SAMPLE_END);
  const factory = createPeopleFactory(mulberry32(deriveSeed(SAMPLE_SEED, 'people')), endMs);
  const service = makeServiceAccounts(factory);
  const bots: Person[] = [botPerson(service.dependabot, ZONES.utc), botPerson(service.renovate, ZONES.utc)];
  const repos: SimRepo[] = [];
  const links: ActivityLinks[] = [];
  // A few people take part in several projects, as on GitHub.
  const travellers = ['CN', 'US', 'DE', 'JP', 'TW'].map((country) => makePerson(factory, country));
  for (const spec of SPECS) {
    const startMs = Date.parse(spec.startIso);
    const shape = spec.plan.shape ?? 'steady';
    if (!factory.usedLogins.has(spec.meta.owner.toLowerCase()))
      makeOrganization(factory, spec.meta.owner, spec.orgLocation, spec.orgCountry);
    const teamRng = mulberry32(deriveSeed(SAMPLE_SEED, `team:${spec.meta.owner}/${spec.meta.name}`));
    const team = buildTeam(factory, teamRng, {
      ...spec.team,
      shape,
      startMs,
      endMs,
      bots,
      actionsBot: service.actions,
      webFlow: service.webFlow,
      guests: spec.plan.items > 100 ? travellers.filter(() => teamRng() < 0.5) : [],
    });
    const plan: ActivityPlan = { ...BASE_PLAN, ...spec.plan, startMs, endMs };
    const generated = generateRepoActivity(
      mulberry32(deriveSeed(SAMPLE_SEED, `activity:${spec.meta.name}`)),
      plan,
      team,
    );
    links.push(generated.links);
    repos.push(makeRepo({ ...spec.meta, createdMs: startMs - 12 * DAY_MS }, generated.activity));
  }
  const world: World = {
    users: factory.users.sort((a, b) => a.id - b.id),
    repos,
    trueCountryByEmail: factory.trueCountryByEmail,
  };
  assignWorldIds(rng, world, links);
  return world;
}
