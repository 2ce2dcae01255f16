import type { EpochMs, ScoreInput } from '../inputs.js';
import { memoByInput } from '../memo-by-input.js';
import { isInWindow } from '../time-window.js';

export const ORGANISATION_WINDOW_DAYS = 365;

export interface OrganisationVolumes {
  /** Commits per organisation (names compared trimmed and case-insensitively). */
  readonly byOrganisation: ReadonlyMap<string, number>;
  /** Display name per organisation key: its most used spelling (ties: the smallest string). */
  readonly names: ReadonlyMap<string, string>;
  readonly knownCommits: number;
  readonly unknownCommits: number;
}

/**
 * Human commits in the window grouped by the author's organisation: the commit's own organisation
 * when the store knows it, else the author's affiliation. Unknown affiliation is counted apart and
 * never treated as one organisation; it lowers coverage instead.
 */
export const organisationVolumes: (input: ScoreInput, asOf: EpochMs) => OrganisationVolumes =
  memoByInput(collectOrganisationVolumes);

function collectOrganisationVolumes(input: ScoreInput, asOf: EpochMs): OrganisationVolumes {
  const affiliation = new Map<string, string | null>();
  for (const a of input.affiliations) affiliation.set(a.authorKey, a.organisation);
  const byOrganisation = new Map<string, number>();
  const spellings = new Map<string, Map<string, number>>();
  let knownCommits = 0;
  let unknownCommits = 0;
  for (const c of input.commits) {
    if (c.isBot || !isInWindow(c.authoredAt, asOf, ORGANISATION_WINDOW_DAYS)) continue;
    const name = (c.organisation ?? affiliation.get(c.authorKey) ?? '').trim();
    if (name === '') {
      unknownCommits += 1;
      continue;
    }
    const key = name.toLowerCase();
    const counts = spellings.get(key) ?? new Map<string, number>();
    spellings.set(key, counts.set(name, (counts.get(name) ?? 0) + 1));
    byOrganisation.set(key, (byOrganisation.get(key) ?? 0) + 1);
    knownCommits += 1;
  }
  const names = new Map<string, string>();
  for (const [key, counts] of spellings) names.set(key, mostUsed(counts));
  return { byOrganisation, names, knownCommits, unknownCommits };
}

export function organisationCoverage(v: OrganisationVolumes): number | null {
  const total = v.knownCommits + v.unknownCommits;
  return total === 0 ? null : v.knownCommits / total;
}

function mostUsed(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [name, count] of counts)
    if (count > bestCount || (count === bestCount && name < best)) {
      best = name;
      bestCount = count;
    }
  return best;
}
