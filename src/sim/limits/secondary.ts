/**
 * Secondary rate limits per credential (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits):
 * concurrent requests (shared by REST and GraphQL) and points per minute per API (REST GET = 1,
 * GraphQL query = 1, mutation = 5). Exceeding one blocks the credential for `retryAfterSeconds`;
 * every request inside that block is refused again.
 */
export type SecondaryApi = 'rest' | 'graphql';

export interface SecondaryLimits {
  maxConcurrent: number;
  restPointsPerMinute: number;
  graphqlPointsPerMinute: number;
  retryAfterSeconds: number;
}

export type Admission =
  | { admitted: true; release: () => void }
  | {
      admitted: false;
      retryAfterSeconds: number;
      reason: 'concurrency' | 'points' | 'blocked';
      /**
       * True when the caller had been told to wait: the request arrived inside a block, more than
       * VIOLATION_GRACE_MS after the refusal that started it (requests already in flight when the
       * block began could not have known).
       */
      violation: boolean;
    };

/** Requests arriving this soon after a block started were in flight before its 403 reached the client. */
export const VIOLATION_GRACE_MS = 250;

interface CredentialState {
  inFlight: number;
  blockedAtMs: number;
  blockedUntilMs: number;
  /** Points by minute-bucket start, for a sliding 60 s sum. */
  points: Record<SecondaryApi, { atMs: number; points: number }[]>;
}

export class SecondaryLimiter {
  private readonly states = new Map<string, CredentialState>();

  constructor(private readonly limits: () => SecondaryLimits) {}

  admit(key: string, api: SecondaryApi, points: number, nowMs: number): Admission {
    const limits = this.limits();
    const state = this.state(key);
    if (state.blockedUntilMs > nowMs) {
      return {
        admitted: false,
        retryAfterSeconds: Math.ceil((state.blockedUntilMs - nowMs) / 1000),
        reason: 'blocked',
        violation: nowMs - state.blockedAtMs > VIOLATION_GRACE_MS,
      };
    }
    if (state.inFlight >= limits.maxConcurrent) return this.block(state, limits, nowMs, 'concurrency');
    const window = state.points[api].filter((entry) => entry.atMs > nowMs - 60_000);
    state.points[api] = window;
    const spent = window.reduce((sum, entry) => sum + entry.points, 0);
    const perMinute = api === 'rest' ? limits.restPointsPerMinute : limits.graphqlPointsPerMinute;
    if (spent + points > perMinute) return this.block(state, limits, nowMs, 'points');
    const last = window[window.length - 1];
    // One entry per 100 ms keeps the window short even at thousands of requests per minute.
    if (last !== undefined && nowMs - last.atMs < 100) last.points += points;
    else window.push({ atMs: nowMs, points });
    state.inFlight += 1;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        state.inFlight -= 1;
      },
    };
  }

  reset(): void {
    this.states.clear();
  }

  private block(
    state: CredentialState,
    limits: SecondaryLimits,
    nowMs: number,
    reason: 'concurrency' | 'points',
  ): Admission {
    state.blockedAtMs = nowMs;
    state.blockedUntilMs = nowMs + limits.retryAfterSeconds * 1000;
    return { admitted: false, retryAfterSeconds: limits.retryAfterSeconds, reason, violation: false };
  }

  private state(key: string): CredentialState {
    let state = this.states.get(key);
    if (state === undefined) {
      state = { inFlight: 0, blockedAtMs: 0, blockedUntilMs: 0, points: { rest: [], graphql: [] } };
      this.states.set(key, state);
    }
    return state;
  }
}
