import type { BudgetLedger, BudgetSnapshot } from './budget-ledger.js';
import { snapshotOf } from './budget-snapshot.js';
import {
  blockInState,
  emptyBudgetState,
  reserveInState,
  settleInState,
  type CredentialBudgetState,
  type ReserveDecision,
  type ReserveInput,
} from './budget-state.js';
import type { BudgetObservation } from './rate-limit-headers.js';

/** The budget of one process (embedded mode, tests). Same arithmetic as the shared ledger. */
export class InMemoryBudgetLedger implements BudgetLedger {
  private readonly states = new Map<string, CredentialBudgetState>();

  constructor(private readonly now: () => number = Date.now) {}

  async tryReserve(fingerprint: string, input: ReserveInput): Promise<ReserveDecision> {
    return reserveInState(this.state(fingerprint), input);
  }

  async settle(
    fingerprint: string,
    reservationId: string,
    observation: BudgetObservation | undefined,
  ): Promise<void> {
    settleInState(this.state(fingerprint), { id: reservationId, observation, nowMs: this.now() });
  }

  async block(fingerprint: string, untilMs: number): Promise<void> {
    blockInState(this.state(fingerprint), untilMs);
  }

  async snapshot(): Promise<BudgetSnapshot[]> {
    const nowMs = this.now();
    return [...this.states].map(([fingerprint, state]) => snapshotOf(fingerprint, state, nowMs));
  }

  async close(): Promise<void> {}

  private state(fingerprint: string): CredentialBudgetState {
    let state = this.states.get(fingerprint);
    if (state === undefined) {
      state = emptyBudgetState();
      this.states.set(fingerprint, state);
    }
    return state;
  }
}
