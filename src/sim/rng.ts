/**
 * The simulator's seeded randomness. Everything random in a world, a fault schedule or a test
 * comes from `mulberry32(seed)`, so the same seed always gives the same result on every machine.
 */

export type Rng = () => number;

// Globals captured once: under jest's vm contexts every global lookup (`Math`, `String`) goes through
// the context's interceptors and is many times slower, which a million draws feel.
const { imul, floor, sqrt, log, cos, exp, round, max, PI } = Math;
const fromCharCode = String.fromCharCode;

/** Mulberry32: a tiny 32-bit PRNG, uniform in [0, 1). Good enough for simulation, not for secrets. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent seed from a parent seed and a label (stable FNV-1a mix). */
export function deriveSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Integer in [min, max], both inclusive. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[floor(rng() * items.length)] as T;
}

/** Picks an item with probability proportional to its weight (weights need not sum to 1). */
export function weightedPick<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  let total = 0;
  for (const weight of weights) total += weight;
  if (items.length === 0 || total <= 0) throw new RangeError('weightedPick needs a positive weight');
  let target = rng() * total;
  for (let i = 0; i < items.length; i++) {
    target -= weights[i] ?? 0;
    if (target < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

/** Precomputed cumulative weights for fast repeated weighted picks (binary search). */
export interface WeightedTable<T> {
  items: readonly T[];
  cumulative: Float64Array;
}

export function weightedTable<T>(items: readonly T[], weights: readonly number[]): WeightedTable<T> {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    total += max(0, weights[i] ?? 0);
    cumulative[i] = total;
  }
  if (total <= 0) throw new RangeError('weightedTable needs a positive weight');
  return { items, cumulative };
}

export function pickFromTable<T>(rng: Rng, table: WeightedTable<T>): T {
  const { cumulative, items } = table;
  const target = rng() * (cumulative[cumulative.length - 1] as number);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] as number) > target) high = middle;
    else low = middle + 1;
  }
  return items[low] as T;
}

/** Standard normal draw (Box–Muller). */
export function normal(rng: Rng, mean = 0, deviation = 1): number {
  const u = 1 - rng(); // (0, 1]: log(0) is never taken
  const v = rng();
  return mean + deviation * sqrt(-2 * log(u)) * cos(2 * PI * v);
}

/** Log-normal draw parameterised by its median and the deviation of its logarithm. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * exp(normal(rng, 0, sigma));
}

/** Poisson draw: Knuth's method for small means, a rounded normal approximation for large ones. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) return max(0, round(normal(rng, mean, sqrt(mean))));
  const limit = exp(-mean);
  let count = 0;
  let product = rng();
  while (product > limit) {
    count++;
    product *= rng();
  }
  return count;
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = floor(rng() * (i + 1));
    const swap = items[i] as T;
    items[i] = items[j] as T;
    items[j] = swap;
  }
  return items;
}

const HEX_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/**
 * A random lowercase hex string (git shas are 40 of these). Built from char codes so the result is
 * one flat string: character-by-character concatenation leaves a rope that costs far more memory
 * when a world holds a million shas.
 */
export function hexString(rng: Rng, length: number): string {
  const codes = length === 40 ? SHA_CODES : new ArrayClass<number>(length);
  for (let i = 0; i < length; i++) codes[i] = HEX_CODES[floor(rng() * 16)] as number;
  return fromCharCode(...codes);
}

const ArrayClass = Array;
/** Reused buffer for the common case (40-hex shas): no allocation per sha. */
const SHA_CODES: number[] = new ArrayClass<number>(40).fill(48);
