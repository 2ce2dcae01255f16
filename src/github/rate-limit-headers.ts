/**
 * Reads GitHub's rate-limit headers. GitHub sends `x-ratelimit-limit/-remaining/-used/-reset/-resource`
 * on every REST and GraphQL response, errors and 304s included
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit),
 * and `retry-after` (seconds) when a secondary limit is hit
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
 */
export interface BudgetObservation {
  status: number;
  /** `x-ratelimit-resource` (core, graphql, search, …); absent on some error pages. */
  resource?: string;
  limit?: number;
  remaining?: number;
  /** `x-ratelimit-reset` as epoch milliseconds. */
  resetAtMs?: number;
  /** Only set on 403/429: how long GitHub asks us to stay away (secondary limit). */
  retryAfterMs?: number;
}

export type HeaderSource =
  { get(name: string): string | null } | Readonly<Record<string, string | number | undefined>>;

export function parseRateLimitHeaders(headers: HeaderSource, status: number): BudgetObservation {
  const read = (name: string): string | undefined => {
    const value =
      typeof headers.get === 'function'
        ? (headers as { get(name: string): string | null }).get(name)
        : (headers as Record<string, string | number | undefined>)[name];
    return value === null || value === undefined ? undefined : String(value);
  };
  const observation: BudgetObservation = { status };
  const resource = read('x-ratelimit-resource');
  if (resource) observation.resource = resource;
  const limit = nonNegativeInteger(read('x-ratelimit-limit'));
  if (limit !== undefined) observation.limit = limit;
  const remaining = nonNegativeInteger(read('x-ratelimit-remaining'));
  if (remaining !== undefined) observation.remaining = remaining;
  const reset = nonNegativeInteger(read('x-ratelimit-reset'));
  if (reset !== undefined) observation.resetAtMs = reset * 1000;
  if (status === 403 || status === 429) {
    const retryAfter = retryAfterSeconds(read('retry-after'));
    if (retryAfter !== undefined) observation.retryAfterMs = retryAfter * 1000;
  }
  return observation;
}

/** `retry-after` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); GitHub sends seconds. */
export function retryAfterSeconds(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = nonNegativeInteger(value);
  if (seconds !== undefined) return seconds;
  const dateMs = Date.parse(value);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

function nonNegativeInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}
