import { describe, expect, it } from '@jest/globals';
import {
  effectiveFloor,
  emptyBudgetState,
  reserveInState,
  settleInState,
  type CredentialBudgetState,
  type ReserveInput,
} from '../../../src/github/budget-state.js';
import { InMemoryBudgetLedger } from '../../../src/github/in-memory-budget-ledger.js';

const T0 = 1_700_000_000_000;
let nextId = 0;

function input(overrides: Partial<ReserveInput> = {}): ReserveInput {
  nextId += 1;
  return {
    id: `r${nextId}`,
    resource: 'core',
    cost: 1,
    api: 'rest',
    reserveFloor: 0,
    nowMs: T0,
    resetMarginMs: 1_000,
    reservationTtlMs: 60_000,
    pollMs: 50,
    ...overrides,
  };
}

function observed(
  state: CredentialBudgetState,
  remaining: number,
  resetAtMs = T0 + 3_000,
  limit = 20,
): string {
  const first = input();
  expect(reserveInState(state, first).granted).toBe(true);
  settleInState(state, {
    id: first.id,
    nowMs: T0,
    observation: { status: 200, resource: 'core', limit, remaining, resetAtMs },
  });
  return first.id;
}

describe('budget arithmetic', () => {
  it('probes an unknown resource with one request at a time', () => {
    const state = emptyBudgetState();
    expect(reserveInState(state, input()).granted).toBe(true);
    expect(reserveInState(state, input())).toEqual({ granted: false, retryAtMs: T0 + 50, reason: 'probing' });
    // another resource is probed independently
    expect(reserveInState(state, input({ resource: 'graphql', api: 'graphql' })).granted).toBe(true);
  });

  it('grants exactly remaining − in flight, then waits for the reset plus margin', () => {
    const state = emptyBudgetState();
    observed(state, 3);
    const granted = [1, 2, 3, 4].map(() => reserveInState(state, input()).granted);
    expect(granted).toEqual([true, true, true, false]);
    // settle the three: server says 0 left
    for (const id of Object.keys(state.inFlight))
      settleInState(state, {
        id,
        nowMs: T0,
        observation: { status: 200, resource: 'core', remaining: 0, resetAtMs: T0 + 3_000 },
      });
    expect(reserveInState(state, input())).toEqual({
      granted: false,
      retryAtMs: T0 + 4_000,
      reason: 'exhausted',
    });
    expect(reserveInState(state, input({ nowMs: T0 + 3_999 })).granted).toBe(false);
    expect(reserveInState(state, input({ nowMs: T0 + 4_000 })).granted).toBe(true);
  });

  it('keeps the reserve floor, capped at 10% of the limit', () => {
    expect(effectiveFloor(50, 5_000)).toBe(50);
    expect(effectiveFloor(50, 60)).toBe(6);
    const state = emptyBudgetState();
    observed(state, 52, T0 + 3_600_000, 5_000);
    expect(reserveInState(state, input({ reserveFloor: 50 })).granted).toBe(true);
    expect(reserveInState(state, input({ reserveFloor: 50 })).granted).toBe(true);
    expect(reserveInState(state, input({ reserveFloor: 50 })).granted).toBe(false);
  });

  it('reserves a GraphQL query by its estimated cost', () => {
    const state = emptyBudgetState();
    observed(state, 10);
    expect(reserveInState(state, input({ cost: 8 })).granted).toBe(true);
    expect(reserveInState(state, input({ cost: 3 })).granted).toBe(false);
    expect(reserveInState(state, input({ cost: 2 })).granted).toBe(true);
  });

  it('a 304 (remaining unchanged) gives its reservation back', () => {
    const state = emptyBudgetState();
    observed(state, 1);
    const r = input();
    expect(reserveInState(state, r).granted).toBe(true);
    expect(reserveInState(state, input()).granted).toBe(false);
    settleInState(state, {
      id: r.id,
      nowMs: T0,
      observation: { status: 304, resource: 'core', remaining: 1, resetAtMs: T0 + 3_000 },
    });
    expect(reserveInState(state, input()).granted).toBe(true);
  });

  it('within a window, remaining only goes down; a later reset starts a new window', () => {
    const state = emptyBudgetState();
    observed(state, 5);
    settleInState(state, {
      id: 'late',
      nowMs: T0,
      observation: { status: 200, resource: 'core', remaining: 9, resetAtMs: T0 + 3_000 },
    });
    expect(state.resources['core']?.remaining).toBe(5);
    settleInState(state, {
      id: 'old',
      nowMs: T0,
      observation: { status: 200, resource: 'core', remaining: 1, resetAtMs: T0 },
    });
    expect(state.resources['core']?.remaining).toBe(5);
    settleInState(state, {
      id: 'new',
      nowMs: T0,
      observation: { status: 200, resource: 'core', remaining: 19, resetAtMs: T0 + 6_000 },
    });
    expect(state.resources['core']).toEqual({ limit: 20, remaining: 19, resetAtMs: T0 + 6_000 });
  });

  it('charges a request that got no response, and expires reservations of dead workers', () => {
    const state = emptyBudgetState();
    observed(state, 5);
    const lost = input();
    reserveInState(state, lost);
    settleInState(state, { id: lost.id, nowMs: T0 });
    expect(state.resources['core']?.remaining).toBe(4);
    reserveInState(state, input({ reservationTtlMs: 10 }));
    expect(Object.keys(state.inFlight)).toHaveLength(1);
    reserveInState(state, input({ nowMs: T0 + 20 }));
    expect(state.resources['core']?.remaining).toBe(3);
  });

  it('retry-after blocks the whole credential until it elapses', () => {
    const state = emptyBudgetState();
    const r = input();
    reserveInState(state, r);
    settleInState(state, { id: r.id, nowMs: T0, observation: { status: 403, retryAfterMs: 5_000 } });
    expect(reserveInState(state, input({ nowMs: T0 + 4_999 }))).toEqual({
      granted: false,
      retryAtMs: T0 + 5_000,
      reason: 'blocked',
    });
    expect(
      reserveInState(state, input({ nowMs: T0 + 4_999, resource: 'graphql', api: 'graphql' })).granted,
    ).toBe(false);
    expect(reserveInState(state, input({ nowMs: T0 + 5_000 })).granted).toBe(true);
  });

  it('paces secondary points per minute with a sliding window', () => {
    const state = emptyBudgetState();
    observed(state, 1_000, T0 + 3_600_000, 5_000);
    // the probe above used 1 point at T0
    expect(reserveInState(state, input({ pointsPerMinute: 3 })).granted).toBe(true);
    expect(reserveInState(state, input({ pointsPerMinute: 3, nowMs: T0 + 200 })).granted).toBe(true);
    const refused = reserveInState(state, input({ pointsPerMinute: 3, nowMs: T0 + 300 }));
    expect(refused).toEqual({ granted: false, retryAtMs: T0 + 60_000 + 1_000, reason: 'paced' });
    // GraphQL points are counted separately
    expect(
      reserveInState(state, input({ pointsPerMinute: 3, api: 'graphql', resource: 'graphql' })).granted,
    ).toBe(true);
  });
});

describe('InMemoryBudgetLedger', () => {
  it('keeps credentials apart and reports a snapshot', async () => {
    const ledger = new InMemoryBudgetLedger(() => T0);
    const a = input();
    expect((await ledger.tryReserve('aaa', a)).granted).toBe(true);
    expect((await ledger.tryReserve('bbb', input())).granted).toBe(true);
    await ledger.settle('aaa', a.id, {
      status: 200,
      resource: 'core',
      limit: 20,
      remaining: 7,
      resetAtMs: T0 + 3_000,
    });
    await ledger.block('bbb', T0 + 10_000);
    const snapshot = await ledger.snapshot();
    expect(snapshot).toEqual([
      {
        fingerprint: 'aaa',
        blockedUntil: null,
        resources: [
          {
            resource: 'core',
            limit: 20,
            remaining: 7,
            resetAt: new Date(T0 + 3_000).toISOString(),
            inFlight: 0,
          },
        ],
      },
      {
        fingerprint: 'bbb',
        blockedUntil: new Date(T0 + 10_000).toISOString(),
        resources: [{ resource: 'core', limit: null, remaining: null, resetAt: null, inFlight: 1 }],
      },
    ]);
  });
});
