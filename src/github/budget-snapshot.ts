import type { BudgetSnapshot } from './budget-ledger.js';
import type { CredentialBudgetState } from './budget-state.js';

export function snapshotOf(fingerprint: string, state: CredentialBudgetState, nowMs: number): BudgetSnapshot {
  const names = new Set([
    ...Object.keys(state.resources),
    ...Object.values(state.inFlight).map((r) => r.resource),
  ]);
  return {
    fingerprint,
    blockedUntil: state.blockedUntilMs > nowMs ? new Date(state.blockedUntilMs).toISOString() : null,
    resources: [...names].sort().map((resource) => {
      const budget = state.resources[resource];
      return {
        resource,
        limit: budget?.limit ?? null,
        remaining: budget?.remaining ?? null,
        resetAt: budget?.resetAtMs === undefined ? null : new Date(budget.resetAtMs).toISOString(),
        inFlight: Object.values(state.inFlight)
          .filter((r) => r.resource === resource)
          .reduce((sum, r) => sum + r.cost, 0),
      };
    }),
  };
}
