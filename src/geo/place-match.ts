import type { PlaceReading } from './gazetteer.js';

/** A phrase of a location that names a place, with every reading it has in the gazetteer. */
export interface PlaceMatch {
  phrase: string;
  readings: readonly PlaceReading[];
  /** Found as a part of a longer phrase ("… software engineer in Berlin"): weaker than a whole part. */
  partial: boolean;
}

/** Strength (nats) of each kind of reading: a named country beats a city, which beats a bare code. */
const SOURCE_WEIGHT = { country: 3, alias: 3, admin1: 2, code: 1.5 } as const;

const HOMONYM_OF_COUNTRY = 0.3;
const MAJOR_CITY = 500_000;

function readingWeight(reading: PlaceReading): number {
  if (reading.source !== 'city') return SOURCE_WEIGHT[reading.source];
  if (reading.population >= 1_000_000) return 2.5;
  if (reading.population >= 100_000) return 2;
  return 1.5;
}

/**
 * Relative likelihood per country of one match (best = 1) and the match's weight. Homonym cities lean
 * by population weighted by developers per country ("Paris" → FR ≫ US); a country name outranks a province of the same name ("Georgia").
 */
export function matchLikelihood(match: PlaceMatch): { weight: number; likelihood: Map<string, number> } {
  const maxCity = Math.max(1, ...match.readings.filter((r) => r.source === 'city').map((r) => r.draw));
  const named = new Set(
    match.readings
      .filter((r) => r.source === 'country' || r.source === 'alias' || r.population >= MAJOR_CITY)
      .map((r) => r.country),
  );
  const score = new Map<string, number>();
  for (const reading of match.readings) {
    let share = reading.source === 'city' ? Math.max(reading.draw / maxCity, 0.001) : 1;
    // "Jamaica", "Lebanon", "Sofia": the country or the big city, far more often than a namesake.
    if (named.size > 0 && !named.has(reading.country)) share *= HOMONYM_OF_COUNTRY;
    const value = readingWeight(reading) * share;
    score.set(reading.country, Math.max(score.get(reading.country) ?? 0, value));
  }
  const best = Math.max(...score.values());
  const likelihood = new Map([...score].map(([country, value]) => [country, value / best]));
  return { weight: best * (match.partial ? 0.75 : 1), likelihood };
}
