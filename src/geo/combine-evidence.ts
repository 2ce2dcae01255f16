import { regionOfCountry } from './country-region.js';
import type { Gazetteer } from './gazetteer.js';
import type { Evidence, GeoMode, GeoResult, GeoSignal, Region } from './geo.types.js';

/** A region is reported only when its probability reaches this; below it the answer is UNKNOWN. */
export const DECIDE_THRESHOLD = 0.8;
/**
 * The country is named when its own probability reaches this, or when the evidence alone favours it by
 * MIN_MARGIN over every other country (the region may be known while the country is not).
 */
const COUNTRY_THRESHOLD = 0.8;
/** Signals weaker than this neither decide nor count as a conflict. */
const MIN_DECIDING_WEIGHT = 1;
/** The prior (developers per country) enters as its square root: a lean, never a decision. */
const PRIOR_EXPONENT = 0.5;
const CONFLICT_PENALTY = 0.85;
/**
 * The evidence itself (without the prior) must favour the best country of the region over the best
 * country of any other region by this many nats: most developers live outside China, so without this
 * the prior alone would "decide" OTHER on a hint.
 */
const MIN_MARGIN = 2;

/**
 * Combines evidence as a sum of log-likelihoods over countries: for each signal, weight × log(relative
 * likelihood, floored). Correlated signals (email domain, blog, company: one employer) form a group in
 * which only the strongest counts, so they do not double count. The posterior per country is then
 * summed per region under the mode.
 */
export function combineEvidence(
  gazetteer: Gazetteer,
  login: string | null,
  evidence: readonly Evidence[],
  mode: GeoMode,
): GeoResult {
  const applied = strongestPerGroup(evidence);
  const logLikelihood = new Map<string, number>();
  const logScore = new Map<string, number>();
  for (const country of gazetteer.countries) {
    let sum = 0;
    for (const e of applied) sum += e.weight * Math.log(Math.max(e.floor, e.likelihood.get(country) ?? 0));
    logLikelihood.set(country, sum);
    logScore.set(country, sum + PRIOR_EXPONENT * Math.log(gazetteer.prior.get(country) ?? 0.1));
  }
  const posterior = softmax(logScore);
  const byRegion = new Map<Exclude<Region, 'UNKNOWN'>, number>();
  for (const [country, p] of posterior) {
    const region = regionOfCountry(country, mode);
    byRegion.set(region, (byRegion.get(region) ?? 0) + p);
  }
  const [bestRegion, regionP] = [...byRegion].sort((a, b) => b[1] - a[1])[0]!;
  const [bestCountry, countryP] = [...posterior].sort((a, b) => b[1] - a[1])[0]!;
  const deciding = applied.filter((e) => e.weight >= MIN_DECIDING_WEIGHT);
  const conflict = hasConflict(deciding) || deciding.some((e) => namesTwoRegions(e, mode));
  const margin = regionMargin(logLikelihood, bestRegion, mode);
  const decided = deciding.length > 0 && regionP >= DECIDE_THRESHOLD && margin >= MIN_MARGIN;
  const countryKnown =
    decided &&
    regionOfCountry(bestCountry, mode) === bestRegion &&
    (countryP >= COUNTRY_THRESHOLD || countryMargin(logLikelihood, bestCountry) >= MIN_MARGIN);
  const confidence = deciding.length === 0 ? 0 : round(regionP * (conflict ? CONFLICT_PENALTY : 1));
  return {
    login,
    country: countryKnown ? bestCountry : null,
    region: decided ? bestRegion : 'UNKNOWN',
    confidence,
    countryConfidence: countryKnown ? round(countryP) : null,
    conflict,
    signals: evidence.map((e) => toSignal(e, applied.includes(e))),
  };
}

/** Log-likelihood of the country minus the best other country (the prior set aside). */
function countryMargin(logLikelihood: ReadonlyMap<string, number>, country: string): number {
  let other = -Infinity;
  for (const [c, l] of logLikelihood) if (c !== country) other = Math.max(other, l);
  return (logLikelihood.get(country) ?? -Infinity) - other;
}

/** Best log-likelihood inside the region minus the best outside it. */
function regionMargin(logLikelihood: ReadonlyMap<string, number>, region: Region, mode: GeoMode): number {
  let inside = -Infinity;
  let outside = -Infinity;
  for (const [country, l] of logLikelihood)
    if (regionOfCountry(country, mode) === region) inside = Math.max(inside, l);
    else outside = Math.max(outside, l);
  return inside - outside;
}

function strongestPerGroup(evidence: readonly Evidence[]): Evidence[] {
  const best = new Map<string, Evidence>();
  for (const e of evidence) {
    if (e.weight <= 0) continue;
    const current = best.get(e.group);
    if (!current || e.weight > current.weight) best.set(e.group, e);
  }
  return [...best.values()];
}

/** Two deciding signals conflict when no country is reasonably likely under both. */
function hasConflict(deciding: readonly Evidence[]): boolean {
  for (let i = 0; i < deciding.length; i++)
    for (let j = i + 1; j < deciding.length; j++) {
      const a = deciding[i]!;
      const b = deciding[j]!;
      const shared = [...a.likelihood].some(([c, v]) => v >= 0.5 && (b.likelihood.get(c) ?? 0) >= 0.5);
      if (!shared) return true;
    }
  return false;
}

/** One signal that names places in two regions at once ("Beijing / Tokyo"). */
function namesTwoRegions(e: Evidence, mode: GeoMode): boolean {
  const regions = new Set(
    [...e.likelihood].filter(([, v]) => v >= 0.99).map(([c]) => regionOfCountry(c, mode)),
  );
  return e.kind === 'location' && regions.size > 1;
}

function softmax(logScore: ReadonlyMap<string, number>): Map<string, number> {
  const max = Math.max(...logScore.values());
  let total = 0;
  const out = new Map<string, number>();
  for (const [k, v] of logScore) {
    const e = Math.exp(v - max);
    out.set(k, e);
    total += e;
  }
  for (const [k, v] of out) out.set(k, v / total);
  return out;
}

function toSignal(e: Evidence, counted: boolean): GeoSignal {
  const top = [...e.likelihood].filter(([, v]) => v >= 0.99).map(([c]) => c);
  return {
    kind: e.kind,
    value: e.value,
    evidence:
      counted || e.weight === 0 ? e.evidence : `${e.evidence} (same group as a stronger signal: not counted)`,
    weight: counted ? round(e.weight) : 0,
    country: top.length === 1 ? top[0]! : null,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
