/**
 * Primary rate limits: a fixed window per credential and resource (core, graphql, search), that
 * starts with the first request and resets `windowSeconds` later, as GitHub's hourly window does.
 */
export type RateResource = 'core' | 'graphql' | 'search';

export interface RateWindow {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch seconds, as `x-ratelimit-reset`. */
  reset: number;
  resource: RateResource;
}

interface Bucket {
  used: number;
  resetAtMs: number;
}

export class PrimaryLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly windowSeconds: () => number) {}

  /** Current state without charging (refreshes an expired window). */
  peek(key: string, resource: RateResource, limit: number, nowMs: number): RateWindow {
    return view(this.bucket(key, resource, nowMs), resource, limit);
  }

  /** Charges `points` (may be more than remaining: GraphQL costs are checked before, by the caller). */
  charge(key: string, resource: RateResource, limit: number, points: number, nowMs: number): RateWindow {
    const bucket = this.bucket(key, resource, nowMs);
    bucket.used += points;
    return view(bucket, resource, limit);
  }

  reset(): void {
    this.buckets.clear();
  }

  private bucket(key: string, resource: RateResource, nowMs: number): Bucket {
    const id = `${resource}|${key}`;
    let bucket = this.buckets.get(id);
    if (bucket === undefined || bucket.resetAtMs <= nowMs) {
      bucket = { used: 0, resetAtMs: nowMs + this.windowSeconds() * 1000 };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }
}

function view(bucket: Bucket, resource: RateResource, limit: number): RateWindow {
  return {
    limit,
    used: bucket.used,
    remaining: Math.max(0, limit - bucket.used),
    reset: Math.ceil(bucket.resetAtMs / 1000),
    resource,
  };
}

/** The `x-ratelimit-*` headers GitHub sends on every API response. */
export function rateLimitHeaders(window: RateWindow): Record<string, string> {
  return {
    'x-ratelimit-limit': String(window.limit),
    'x-ratelimit-remaining': String(window.remaining),
    'x-ratelimit-reset': String(window.reset),
    'x-ratelimit-used': String(window.used),
    'x-ratelimit-resource': window.resource,
  };
}
