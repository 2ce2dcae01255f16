import type { BudgetObservation } from './rate-limit-headers.js';

/**
 * The budget arithmetic of one credential, as pure functions over a JSON-serialisable state, so the
 * in-memory ledger and a shared (Redis) ledger apply exactly the same rules.
 *
 * Rules (design §4):
 * - Primary budget per resource (core, graphql, …) from the headers of every response. Within one
 *   reset window `remaining` only goes down (responses arrive out of order); a later reset starts a
 *   new window. What is available = remaining − reservations in flight − the reserve floor.
 * - Until a resource has been seen, one request probes it (we know neither limit nor remaining).
 * - When the window's reset time has passed (+ a safety margin for clock skew and rounding) the
 *   budget is assumed back at its limit.
 * - `retry-after` blocks the whole credential until it elapses; nothing is sent meanwhile.
 * - Secondary limits on points per minute are paced with a sliding 60 s window per API
 *   (REST GET = 1 point, GraphQL query = 1 point; https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 * - A reservation whose request failed without any response is charged (GitHub may have counted it).
 * - Reservations expire (a worker that died mid-request must not hold budget forever).
 */
export interface ResourceBudget {
  limit?: number;
  remaining?: number;
  resetAtMs?: number;
}

export interface InFlightReservation {
  resource: string;
  cost: number;
  api: SecondaryApi;
  expiresAtMs: number;
}

export type SecondaryApi = 'rest' | 'graphql';

export interface CredentialBudgetState {
  blockedUntilMs: number;
  resources: Record<string, ResourceBudget>;
  inFlight: Record<string, InFlightReservation>;
  /** Sliding window of secondary-limit points: [atMs, points] buckets of ≤ 100 ms. */
  recentPoints: Record<SecondaryApi, [number, number][]>;
}

export interface ReserveInput {
  id: string;
  resource: string;
  /** Primary points: 1 for REST, the estimated query cost for GraphQL. */
  cost: number;
  api: SecondaryApi;
  /** Stop when `remaining` would drop below this (capped at 10% of the limit, so 60/h still works). */
  reserveFloor: number;
  /** Secondary pacing; 0 or undefined = no pacing. */
  pointsPerMinute?: number;
  nowMs: number;
  resetMarginMs: number;
  reservationTtlMs: number;
  /** How soon to look again when only in-flight requests stand in the way. */
  pollMs: number;
}

export type ReserveDecision =
  | { granted: true }
  | { granted: false; retryAtMs: number; reason: 'blocked' | 'exhausted' | 'probing' | 'paced' };

export function emptyBudgetState(): CredentialBudgetState {
  return { blockedUntilMs: 0, resources: {}, inFlight: {}, recentPoints: { rest: [], graphql: [] } };
}

/** Decides a reservation; on success records it in flight. Mutates `state`. */
export function reserveInState(state: CredentialBudgetState, input: ReserveInput): ReserveDecision {
  const { nowMs } = input;
  expireInFlight(state, nowMs);
  if (state.blockedUntilMs > nowMs)
    return { granted: false, retryAtMs: state.blockedUntilMs, reason: 'blocked' };

  const paced = pacing(state, input);
  if (paced !== undefined) return { granted: false, retryAtMs: paced, reason: 'paced' };

  const budget = refreshWindow(state.resources[input.resource], nowMs, input.resetMarginMs);
  if (budget !== undefined) state.resources[input.resource] = budget;
  const inFlight = inFlightCost(state, input.resource);

  if (budget?.remaining === undefined) {
    if (inFlight > 0) return { granted: false, retryAtMs: nowMs + input.pollMs, reason: 'probing' };
  } else {
    const floor = effectiveFloor(input.reserveFloor, budget.limit);
    const ceiling = budget.limit === undefined ? input.cost : Math.max(1, budget.limit - floor);
    const cost = Math.min(input.cost, ceiling);
    if (budget.remaining - inFlight - floor < cost) {
      const resetAt = budget.resetAtMs === undefined ? undefined : budget.resetAtMs + input.resetMarginMs;
      const poll = nowMs + input.pollMs;
      const retryAtMs = resetAt === undefined ? poll : inFlight > 0 ? Math.min(resetAt, poll) : resetAt;
      return { granted: false, retryAtMs: Math.max(retryAtMs, nowMs + 1), reason: 'exhausted' };
    }
  }

  state.inFlight[input.id] = {
    resource: input.resource,
    cost: input.cost,
    api: input.api,
    expiresAtMs: nowMs + input.reservationTtlMs,
  };
  addPoints(state, input.api, 1, nowMs);
  return { granted: true };
}

export interface SettleInput {
  id: string;
  /** Headers of the response, or undefined when the request got no response at all. */
  observation?: BudgetObservation;
  nowMs: number;
}

/** Ends a reservation and folds what the response told us into the state. Mutates `state`. */
export function settleInState(state: CredentialBudgetState, input: SettleInput): void {
  const reservation = state.inFlight[input.id];
  delete state.inFlight[input.id];
  const observation = input.observation;
  if (observation === undefined) {
    if (reservation !== undefined) charge(state, reservation.resource, reservation.cost);
    return;
  }
  if (observation.retryAfterMs !== undefined) blockInState(state, input.nowMs + observation.retryAfterMs);
  const resource = observation.resource ?? reservation?.resource;
  if (resource === undefined || observation.remaining === undefined) return;
  state.resources[resource] = observe(state.resources[resource], observation);
}

export function blockInState(state: CredentialBudgetState, untilMs: number): void {
  state.blockedUntilMs = Math.max(state.blockedUntilMs, untilMs);
}

/** The floor never takes more than 10% of a limit (unauthenticated budgets are 60/h). */
export function effectiveFloor(reserveFloor: number, limit: number | undefined): number {
  if (limit === undefined) return reserveFloor;
  return Math.max(0, Math.min(reserveFloor, Math.floor(limit / 10)));
}

function observe(previous: ResourceBudget | undefined, observation: BudgetObservation): ResourceBudget {
  const remaining = observation.remaining as number;
  const next: ResourceBudget = { ...previous };
  if (observation.limit !== undefined) next.limit = observation.limit;
  const resetAtMs = observation.resetAtMs;
  const sameWindow =
    previous?.remaining !== undefined &&
    previous.resetAtMs !== undefined &&
    (resetAtMs === undefined || resetAtMs <= previous.resetAtMs);
  if (sameWindow) {
    // An older response (same or earlier window) can only lower what we believe is left.
    if (resetAtMs === undefined || resetAtMs === previous.resetAtMs)
      next.remaining = Math.min(previous.remaining as number, remaining);
    return next;
  }
  next.remaining = remaining;
  if (resetAtMs !== undefined) next.resetAtMs = resetAtMs;
  return next;
}

function refreshWindow(
  budget: ResourceBudget | undefined,
  nowMs: number,
  marginMs: number,
): ResourceBudget | undefined {
  if (budget?.resetAtMs === undefined || budget.resetAtMs + marginMs > nowMs) return budget;
  // The window is over: GitHub gives the full limit back. The next response tells the new reset.
  const { resetAtMs: _expired, ...rest } = budget;
  return { ...rest, remaining: budget.limit };
}

function charge(state: CredentialBudgetState, resource: string, cost: number): void {
  const budget = state.resources[resource];
  if (budget?.remaining !== undefined) budget.remaining = Math.max(0, budget.remaining - cost);
}

function inFlightCost(state: CredentialBudgetState, resource: string): number {
  let sum = 0;
  for (const reservation of Object.values(state.inFlight))
    if (reservation.resource === resource) sum += reservation.cost;
  return sum;
}

function expireInFlight(state: CredentialBudgetState, nowMs: number): void {
  for (const [id, reservation] of Object.entries(state.inFlight)) {
    if (reservation.expiresAtMs <= nowMs) {
      delete state.inFlight[id];
      charge(state, reservation.resource, reservation.cost);
    }
  }
}

const MINUTE_MS = 60_000;

function pacing(state: CredentialBudgetState, input: ReserveInput): number | undefined {
  const perMinute = input.pointsPerMinute;
  const window = state.recentPoints[input.api].filter(([atMs]) => atMs > input.nowMs - MINUTE_MS);
  state.recentPoints[input.api] = window;
  if (!perMinute) return undefined;
  let spent = window.reduce((sum, [, points]) => sum + points, 0);
  if (spent + 1 <= perMinute) return undefined;
  // Wait until enough old buckets leave the window (+ margin: GitHub stamps them on arrival).
  for (const [atMs, points] of window) {
    spent -= points;
    if (spent + 1 <= perMinute) return atMs + MINUTE_MS + input.resetMarginMs;
  }
  return input.nowMs + input.pollMs;
}

function addPoints(state: CredentialBudgetState, api: SecondaryApi, points: number, nowMs: number): void {
  const window = state.recentPoints[api];
  const last = window[window.length - 1];
  if (last !== undefined && nowMs - last[0] < 100) last[1] += points;
  else window.push([nowMs, points]);
}
