import type { ReserveDecision, ReserveInput } from './budget-state.js';
import type { BudgetObservation } from './rate-limit-headers.js';

/**
 * Where the per-credential budget lives. Async so that a shared implementation (Redis, for many
 * workers on many machines — issue 4) fits behind the same interface as the in-memory one.
 * Credentials are named by fingerprint only; a ledger never sees a token.
 */
export interface BudgetLedger {
  /** Grants a reservation (recorded in flight) or says when to ask again. Never waits itself. */
  tryReserve(fingerprint: string, input: ReserveInput): Promise<ReserveDecision>;
  /** Ends a reservation; `observation` undefined = no response arrived (the cost stays charged). */
  settle(
    fingerprint: string,
    reservationId: string,
    observation: BudgetObservation | undefined,
  ): Promise<void>;
  /** No request on this credential before `untilMs` (secondary limit without headers we could read). */
  block(fingerprint: string, untilMs: number): Promise<void>;
  /** What is known about every credential, for `vitals status` and metrics. */
  snapshot(): Promise<BudgetSnapshot[]>;
  close(): Promise<void>;
}

export interface BudgetSnapshot {
  fingerprint: string;
  blockedUntil: string | null;
  resources: {
    resource: string;
    limit: number | null;
    remaining: number | null;
    resetAt: string | null;
    inFlight: number;
  }[];
}
