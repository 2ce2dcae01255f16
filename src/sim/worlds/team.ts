/**
 * Builds a repository's team (maintainers, contributors, reporters, bots) from a country mix, with
 * commit weights that follow a long tail and activity windows that fit the project's shape.
 */
import type { SimUser } from '../world.js';
import { chance, logNormal, randomInt, type Rng } from '../rng.js';
import { makePerson, type PeopleFactory, type Person } from './people.js';
import type { ActivityShape, Team, TeamMember } from './repo-activity.js';

export type CountryCounts = ReadonlyArray<readonly [country: string, count: number]>;

export interface TeamSpec {
  maintainers: CountryCounts;
  contributors: CountryCounts;
  reporters: CountryCounts;
  /** Share of contributors whose commit e-mail links to no account. */
  unlinkedShare: number;
  shape: ActivityShape;
  startMs: number;
  endMs: number;
  bots: Person[];
  actionsBot: SimUser | null;
  webFlow: SimUser;
  /** People already in the world who also take part here (cross-project contributors). */
  guests?: Person[];
}

function expand(counts: CountryCounts): string[] {
  const out: string[] = [];
  for (const [country, count] of counts) for (let i = 0; i < count; i++) out.push(country);
  return out;
}

function contributorWindow(rng: Rng, spec: TeamSpec): [number, number] {
  const span = spec.endMs - spec.startMs;
  // Growing projects gain most contributors late; others spread evenly.
  const t = spec.shape === 'growing' ? Math.sqrt(rng()) : rng();
  const from = spec.startMs + t * span * 0.95;
  const stay = logNormal(rng, 0.35, 0.8) * span;
  const to = spec.shape === 'declining' ? Math.min(from + stay, spec.startMs + span * 0.85) : from + stay;
  return [from, Math.max(to, from + 14 * 86_400_000)];
}

export function buildTeam(factory: PeopleFactory, rng: Rng, spec: TeamSpec): Team {
  const span = spec.endMs - spec.startMs;
  const maintainers: TeamMember[] = expand(spec.maintainers).map((country, index) => ({
    person: makePerson(factory, country),
    weight: logNormal(rng, 60, 0.4),
    activeFromMs: spec.startMs,
    // In a declining project all but one maintainer drift away during the last year.
    activeToMs:
      spec.shape === 'declining' && index > 0 ? spec.startMs + span * (0.55 + 0.3 * rng()) : spec.endMs,
  }));
  const members: TeamMember[] = [...maintainers];
  for (const country of expand(spec.contributors)) {
    const [activeFromMs, activeToMs] = contributorWindow(rng, spec);
    members.push({
      person: makePerson(factory, country, { linked: !chance(rng, spec.unlinkedShare) }),
      weight: logNormal(rng, 3, 1.1),
      activeFromMs,
      activeToMs,
    });
  }
  for (const guest of spec.guests ?? []) {
    const [activeFromMs, activeToMs] = contributorWindow(rng, spec);
    members.push({ person: guest, weight: logNormal(rng, 2, 0.8), activeFromMs, activeToMs });
  }
  const reporters = expand(spec.reporters).map((country) =>
    makePerson(factory, country, { nullLocationRate: 0.35 }),
  );
  if (randomInt(rng, 0, 1) === 1 && spec.guests) reporters.push(...spec.guests);
  return {
    maintainers,
    members,
    reporters,
    bots: spec.bots,
    actionsBot: spec.actionsBot,
    webFlow: spec.webFlow,
  };
}
