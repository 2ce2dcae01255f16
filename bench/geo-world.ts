import { aggregateGeography, type GeographyShare } from '../src/geo/aggregate-geography.js';
import { regionOfCountry } from '../src/geo/country-region.js';
import type { ContributorSignals, Region } from '../src/geo/geo.types.js';
import { locateContributor } from '../src/geo/locate-contributor.js';
import type { SimRepo, SimUser, World } from '../src/sim/world.js';

export interface WorldGeoFigures {
  repository: string;
  estimate: GeographyShare;
  /** Outside-China share of commits by the world's ground truth (commits whose truth is known). */
  trueShare: number | null;
  /** True outside-China commits ÷ all commits: what [lower, upper] must contain. */
  trueOutsideOfTotal: number | null;
  /** Share of commits whose author got a region that contradicts the truth (decided and wrong). */
  wrongRegionShare: number;
  /** null when the world does not know every author's country, so the check cannot be made. */
  withinBounds: boolean | null;
}

interface Author {
  login: string | null;
  user: SimUser | undefined;
  emails: Set<string>;
  tzOffsets: Record<string, number>;
  commits: number;
  truth: string | null | undefined;
}

/**
 * Outside-mainland-China share of a repository's commits as geo inference sees it (profile, commit
 * emails and offsets per author; bots excluded), against the world's ground truth. Pure: no database.
 */
export function measureWorldRepo(world: World, repo: SimRepo): WorldGeoFigures {
  const users = new Map(world.users.map((u) => [u.login.toLowerCase(), u]));
  const authors = new Map<string, Author>();
  for (const commit of repo.commits) {
    const login = commit.authorLogin;
    const user = login ? users.get(login.toLowerCase()) : undefined;
    if (user?.type === 'Bot' || login?.endsWith('[bot]')) continue;
    const email = commit.author.email.toLowerCase();
    const key = login ? `@${login.toLowerCase()}` : email;
    const author = authors.get(key) ?? {
      login,
      user,
      emails: new Set<string>(),
      tzOffsets: {},
      commits: 0,
      truth: user ? user.trueCountry : world.trueCountryByEmail?.[email],
    };
    author.emails.add(email);
    const offset = /([+-]\d{2}:\d{2})$/.exec(commit.author.date)?.[1] ?? '+00:00';
    author.tzOffsets[offset] = (author.tzOffsets[offset] ?? 0) + 1;
    author.commits++;
    authors.set(key, author);
  }
  const located: Array<{ region: Region; weight: number }> = [];
  let trueOutside = 0;
  let trueChina = 0;
  let total = 0;
  let wrong = 0;
  for (const a of authors.values()) {
    const input: ContributorSignals = {
      ...(a.login ? { login: a.login } : {}),
      ...(a.user?.location ? { location: a.user.location } : {}),
      ...(a.user?.company ? { company: a.user.company } : {}),
      ...(a.user?.email ? { email: a.user.email } : {}),
      ...(a.user?.blog ? { blog: a.user.blog } : {}),
      commitEmails: [...a.emails],
      tzOffsets: a.tzOffsets,
    };
    const region = locateContributor(input, 'mainland').region;
    located.push({ region, weight: a.commits });
    total += a.commits;
    if (a.truth && region !== 'UNKNOWN' && region !== regionOfCountry(a.truth, 'mainland'))
      wrong += a.commits;
    if (a.truth) {
      if (regionOfCountry(a.truth, 'mainland') === 'CN') trueChina += a.commits;
      else trueOutside += a.commits;
    }
  }
  const estimate = aggregateGeography(located, 'mainland');
  const known = trueOutside + trueChina;
  const trueOutsideOfTotal = known === total && total > 0 ? trueOutside / total : null;
  return {
    repository: `${repo.owner}/${repo.name}`,
    estimate,
    trueShare: known > 0 ? trueOutside / known : null,
    trueOutsideOfTotal,
    wrongRegionShare: total > 0 ? wrong / total : 0,
    withinBounds:
      trueOutsideOfTotal === null || estimate.lower === null || estimate.upper === null
        ? null
        : trueOutsideOfTotal >= estimate.lower - 1e-9 && trueOutsideOfTotal <= estimate.upper + 1e-9,
  };
}
