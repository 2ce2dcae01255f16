/**
 * Makes the invented people of a generated world: a GitHub account (or none, for commit identities
 * GitHub cannot link), a true country, a time zone, and the name/e-mail their commits carry.
 */
import type { SimUser } from '../world.js';
import { chance, pick, randomInt, type Rng } from '../rng.js';
import {
  COUNTRIES,
  HANDLE_WORDS,
  JUNK_LOCATIONS,
  NAMES,
  NEUTRAL_COMPANIES,
  type CountryProfile,
} from './people-catalog.js';
import { formatUtc, type TimeZone } from './time-zones.js';

export interface Person {
  /** null: a commit identity with no linked GitHub account (e-mail only). */
  user: SimUser | null;
  country: string | null;
  zone: TimeZone;
  commitName: string;
  commitEmail: string;
  /** Local hour (0–23) around which this person usually works. */
  peakHour: number;
  /** A second address GitHub cannot link (a work laptop's git config): splits the identity on some commits. */
  altEmail?: string;
}

export interface PeopleFactory {
  rng: Rng;
  users: SimUser[];
  usedLogins: Set<string>;
  nextUserId: number;
  /** Ground truth by commit e-mail (lower case): unlinked identities and linked people's commit addresses. */
  trueCountryByEmail: Record<string, string | null>;
  /** Instant up to which profiles may have been updated. */
  endMs: number;
}

export function createPeopleFactory(rng: Rng, endMs: number, firstUserId = 1_000_001): PeopleFactory {
  return { rng, users: [], usedLogins: new Set(), nextUserId: firstUserId, trueCountryByEmail: {}, endMs };
}

function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function uniqueLogin(factory: PeopleFactory, base: string): string {
  const rng = factory.rng;
  let login = base.slice(0, 30).replace(/^-+|-+$/g, '') || pick(rng, HANDLE_WORDS);
  while (factory.usedLogins.has(login.toLowerCase()))
    login = `${base.slice(0, 30)}${randomInt(rng, 1, 9999)}`;
  factory.usedLogins.add(login.toLowerCase());
  return login;
}

function proposeLogin(rng: Rng, given: string, family: string): string {
  const g = asciiFold(given);
  const f = asciiFold(family);
  const style = randomInt(rng, 0, 6);
  if (style === 0) return `${g}${f}`;
  if (style === 1) return `${g[0] ?? 'x'}${f}`;
  if (style === 2) return `${f}${g}${randomInt(rng, 1, 99)}`;
  if (style === 3) return `${g}-${f}`;
  if (style === 4) return `${pick(rng, HANDLE_WORDS)}-${g}`;
  if (style === 5) return `${g}${f}${randomInt(rng, 1990, 2005)}`;
  return `${pick(rng, HANDLE_WORDS)}${pick(rng, HANDLE_WORDS)}${randomInt(rng, 1, 999)}`;
}

interface InventedName {
  given: string;
  family: string;
  display: string | null;
}

function inventName(rng: Rng, profile: CountryProfile): InventedName {
  const parts = NAMES[profile.nameStyle];
  const gi = randomInt(rng, 0, parts.given.length - 1);
  const fi = randomInt(rng, 0, parts.family.length - 1);
  const given = parts.given[gi] as string;
  const family = parts.family[fi] as string;
  const roll = rng();
  let display: string | null;
  if (roll < 0.12) display = null;
  else if (parts.givenNative && parts.familyNative && roll < 0.42) {
    const joiner = profile.nameStyle === 'zh' ? '' : ' ';
    display = `${parts.familyNative[fi] as string}${joiner}${parts.givenNative[gi] as string}`;
  } else if (parts.familyFirst && roll < 0.6) display = `${family} ${given}`;
  else display = `${given} ${family}`;
  return { given, family, display };
}

function emailFor(rng: Rng, profile: CountryProfile, name: InventedName, login: string): string {
  const domain = pick(rng, profile.emailDomains);
  if (domain === 'qq.com' || (domain === '163.com' && chance(rng, 0.3)))
    return `${randomInt(rng, 100000, 3999999999)}@${domain}`;
  const style = randomInt(rng, 0, 2);
  const local =
    style === 0
      ? `${asciiFold(name.given)}.${asciiFold(name.family)}`
      : style === 1
        ? login.toLowerCase()
        : `${asciiFold(name.family)}${randomInt(rng, 1, 99)}`;
  return `${local}@${domain}`;
}

function dateBetween(rng: Rng, fromMs: number, toMs: number): string {
  return formatUtc(fromMs + Math.floor(rng() * Math.max(1, toMs - fromMs)));
}

export interface PersonOptions {
  /** false: the person has no GitHub account linked to their commit e-mail. */
  linked?: boolean;
  nullLocationRate?: number;
  junkLocationRate?: number;
  /** Share of linked people whose commits use the `id+login@users.noreply.github.com` address. */
  noreplyRate?: number;
}

export function noreplyEmail(user: Pick<SimUser, 'id' | 'login'>): string {
  return `${user.id}+${user.login}@users.noreply.github.com`;
}

/** Makes one person from `country` (ISO code in COUNTRIES); registers the account in the factory. */
export function makePerson(factory: PeopleFactory, country: string, options: PersonOptions = {}): Person {
  const rng = factory.rng;
  const profile = COUNTRIES[country];
  if (!profile) throw new RangeError(`no country profile for ${country}`);
  const name = inventName(rng, profile);
  const zone = pick(rng, profile.zones);
  const peakHour = pick(rng, [10, 11, 14, 15, 16, 20, 21, 22, 23]);
  const commitName = name.display ?? `${name.given} ${name.family}`;
  if (options.linked === false) {
    const email = emailFor(rng, profile, name, `${asciiFold(name.given)}${randomInt(rng, 1, 999)}`);
    factory.trueCountryByEmail[email.toLowerCase()] = country;
    return { user: null, country, zone, commitName, commitEmail: email, peakHour };
  }
  const login = uniqueLogin(factory, proposeLogin(rng, name.given, name.family));
  const id = factory.nextUserId;
  factory.nextUserId += randomInt(rng, 1, 4000);
  const nullRate = options.nullLocationRate ?? 0.3;
  const junkRate = options.junkLocationRate ?? 0.06;
  const locationRoll = rng();
  const location =
    locationRoll < nullRate
      ? null
      : locationRoll < nullRate + junkRate
        ? pick(rng, JUNK_LOCATIONS)
        : pick(rng, profile.locations);
  const companyRoll = rng();
  const company =
    companyRoll < 0.25
      ? pick(rng, profile.companies)
      : companyRoll < 0.33
        ? pick(rng, NEUTRAL_COMPANIES)
        : null;
  const publicEmail = chance(rng, 0.3) ? emailFor(rng, profile, name, login) : null;
  const createdMs =
    Date.UTC(2009, 0, 1) + Math.floor(rng() * (Date.UTC(2023, 11, 31) - Date.UTC(2009, 0, 1)));
  const user: SimUser = {
    id,
    login,
    type: 'User',
    name: name.display,
    company,
    blog: chance(rng, 0.15)
      ? chance(rng, 0.5)
        ? `https://${login.toLowerCase()}.github.io`
        : `${login.toLowerCase()}.dev`
      : null,
    location,
    email: publicEmail,
    bio: chance(rng, 0.2) ? pick(rng, BIOS) : null,
    twitterUsername: chance(rng, 0.1) ? login.replace(/-/g, '_').slice(0, 15) : null,
    createdAt: formatUtc(createdMs),
    updatedAt: dateBetween(rng, Math.max(createdMs, factory.endMs - 400 * 86_400_000), factory.endMs),
    trueCountry: country,
  };
  factory.users.push(user);
  const noreply = chance(rng, options.noreplyRate ?? 0.45);
  const commitEmail = noreply ? noreplyEmail(user) : (publicEmail ?? emailFor(rng, profile, name, login));
  const person: Person = { user, country, zone, commitName, commitEmail, peakHour };
  factory.trueCountryByEmail[commitEmail.toLowerCase()] = country;
  if (chance(rng, 0.15)) {
    const altEmail = `${asciiFold(name.given)}@${pick(rng, ['corp.example.com', 'laptop.local', 'build-host', profile.emailDomains[0] ?? 'example.com'])}`;
    if (
      altEmail.toLowerCase() !== commitEmail.toLowerCase() &&
      !(altEmail.toLowerCase() in factory.trueCountryByEmail)
    ) {
      factory.trueCountryByEmail[altEmail.toLowerCase()] = country;
      person.altEmail = altEmail;
    }
  }
  return person;
}

const BIOS: readonly string[] = [
  'Open source enthusiast',
  'Backend engineer. Coffee ☕ and types.',
  '写代码的',
  'Building developer tools',
  'PhD student, distributed systems',
  'he/him · compilers · 🦀',
  'フロントエンドエンジニア',
  'Maintainer of small things',
  '🇺🇦',
  'Previously @somewhere, now elsewhere',
];

/** Fixed accounts every world has: GitHub's bots and the web-flow committer of web merges. */
export function makeServiceAccounts(factory: PeopleFactory): {
  dependabot: SimUser;
  renovate: SimUser;
  actions: SimUser;
  webFlow: SimUser;
} {
  const account = (id: number, login: string, type: SimUser['type'], createdAt: string): SimUser => {
    const user: SimUser = {
      id,
      login,
      type,
      name: null,
      company: null,
      blog: type === 'Bot' ? 'https://github.com/apps' : null,
      location: null,
      email: null,
      bio: null,
      twitterUsername: null,
      createdAt,
      updatedAt: createdAt,
      trueCountry: null,
    };
    factory.usedLogins.add(login.toLowerCase());
    factory.users.push(user);
    return user;
  };
  return {
    dependabot: account(900_001, 'dependabot[bot]', 'Bot', '2019-04-16T22:34:25Z'),
    renovate: account(900_002, 'renovate[bot]', 'Bot', '2017-11-30T12:02:17Z'),
    actions: account(900_003, 'github-actions[bot]', 'Bot', '2018-07-30T09:30:16Z'),
    webFlow: account(900_004, 'web-flow', 'User', '2014-03-07T12:55:05Z'),
  };
}

/** A bot as a commit author (GitHub links bot commits through their noreply address). */
export function botPerson(user: SimUser, zone: TimeZone): Person {
  return { user, country: null, zone, commitName: user.login, commitEmail: noreplyEmail(user), peakHour: 3 };
}

export function makeOrganization(
  factory: PeopleFactory,
  login: string,
  location: string | null,
  country: string | null,
): SimUser {
  const rng = factory.rng;
  const user: SimUser = {
    id: factory.nextUserId,
    login,
    type: 'Organization',
    name: login,
    company: null,
    blog: `https://${login}.example.org`,
    location,
    email: null,
    bio: null,
    twitterUsername: null,
    createdAt: dateBetween(rng, Date.UTC(2015, 0, 1), Date.UTC(2022, 0, 1)),
    updatedAt: dateBetween(rng, Date.UTC(2023, 0, 1), factory.endMs),
    trueCountry: country,
  };
  factory.nextUserId += randomInt(rng, 1, 4000);
  factory.usedLogins.add(login.toLowerCase());
  factory.users.push(user);
  return user;
}
