import { randomUUID } from 'node:crypto';
import { VitalsError } from '../shared/errors.js';
import type { BudgetLedger } from './budget-ledger.js';
import type { ReserveDecision, SecondaryApi } from './budget-state.js';
import { sleep, throwIfAborted } from './sleep.js';

export interface BudgetPolicy {
  /** Stop when a resource's remaining would fall below this (capped at 10% of its limit). */
  reserveFloor: number;
  /** Wait this much past `x-ratelimit-reset` (seconds resolution, clock skew). */
  resetMarginMs: number;
  /** A reservation of a request that never settles (dead worker) is released after this. */
  reservationTtlMs: number;
  /** How often to look again while only in-flight requests stand in the way. */
  pollMs: number;
  /** Secondary-limit pacing per credential (0 = off): GitHub allows 900 REST and 2,000 GraphQL points/min. */
  pointsPerMinute: Record<SecondaryApi, number>;
  /** Longest wait for budget before giving up with GH_RATE_LIMITED (Infinity = wait for the reset). */
  maxWaitMs: number;
}

export interface BudgetRequest {
  resource: string;
  cost: number;
  api: SecondaryApi;
}

export interface ReserveHooks {
  signal?: AbortSignal | undefined;
  now?: () => number;
  /** Told once per wait (not per poll), for a log line. */
  onWait?: (decision: Extract<ReserveDecision, { granted: false }>) => void;
}

/**
 * Reserves budget before a request, waiting (abortably) while the credential is blocked, exhausted
 * or paced: while a budget is exhausted no request is sent at all. Returns the reservation id to
 * settle with the response.
 */
export async function reserveBudget(
  ledger: BudgetLedger,
  fingerprint: string,
  request: BudgetRequest,
  policy: BudgetPolicy,
  hooks: ReserveHooks = {},
): Promise<string> {
  const now = hooks.now ?? Date.now;
  const id = randomUUID();
  const startedMs = now();
  let told = false;
  for (;;) {
    throwIfAborted(hooks.signal);
    const nowMs = now();
    const decision = await ledger.tryReserve(fingerprint, {
      id,
      resource: request.resource,
      cost: request.cost,
      api: request.api,
      reserveFloor: policy.reserveFloor,
      pointsPerMinute: policy.pointsPerMinute[request.api],
      nowMs,
      resetMarginMs: policy.resetMarginMs,
      reservationTtlMs: policy.reservationTtlMs,
      pollMs: policy.pollMs,
    });
    if (decision.granted) return id;
    if (decision.retryAtMs - startedMs > policy.maxWaitMs) {
      throw new VitalsError(
        'GH_RATE_LIMITED',
        `GitHub budget of credential ${fingerprint} (${request.resource}) is ${decision.reason} until ${new Date(decision.retryAtMs).toISOString()}`,
        {
          credential: fingerprint,
          resource: request.resource,
          reason: decision.reason,
          retryAt: new Date(decision.retryAtMs).toISOString(),
        },
      );
    }
    if (!told && decision.reason !== 'probing') {
      told = true;
      hooks.onWait?.(decision);
    }
    await sleep(Math.max(1, decision.retryAtMs - nowMs), hooks.signal);
  }
}
