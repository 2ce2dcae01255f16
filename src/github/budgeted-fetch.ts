import type { BudgetLedger } from './budget-ledger.js';
import type { ReserveDecision, SecondaryApi } from './budget-state.js';
import { AttemptSignal } from './attempt-signal.js';
import { parseRateLimitHeaders } from './rate-limit-headers.js';
import { reserveBudget, type BudgetPolicy } from './reserve-budget.js';
import type { Semaphore } from './semaphore.js';
import { headerRecord, type Transport, type TransportResponse } from './transport.js';

/**
 * Internal request header carrying a GraphQL query's estimated cost from graphqlQuery() to the
 * budget check; removed before the request leaves the process.
 */
export const ESTIMATED_COST_HEADER = 'x-oss-vitals-estimated-cost';

export interface BudgetedFetchOptions {
  fetch: Transport;
  fingerprint: string;
  ledger: BudgetLedger;
  /** Per-credential concurrency (secondary limits punish many concurrent requests). */
  semaphore: Semaphore;
  graphqlUrl: string;
  policy: BudgetPolicy;
  /** Every HTTP attempt gets its own timeout, started when it is actually sent. */
  timeoutMs: number;
  /** Shutdown: aborts waiting and in-flight requests. */
  signal?: AbortSignal | undefined;
  now?: () => number;
  onWait?: (resource: string, decision: Extract<ReserveDecision, { granted: false }>) => void;
  onResponse?: (event: { resource: string; status: number | 'no-response'; durationMs: number }) => void;
}

/**
 * The fetch octokit uses for one credential. Every HTTP attempt — including those of the retry and
 * throttling plugins — passes through here: concurrency slot → budget reservation (waits while the
 * budget is exhausted or the credential blocked) → fetch with timeout → budget settled from the
 * response headers (errors and 304s included). The timeout and the abort signals cover the transport
 * call: with the default HTTP transport that includes reading the body; a fetch that streams the
 * body (an injected one) has it read after they are released.
 */
export function createBudgetedFetch(options: BudgetedFetchOptions): Transport {
  const graphqlPath = new URL(options.graphqlUrl).pathname;
  const now = options.now ?? Date.now;
  return async function budgetedFetch(url: string, init: RequestInit = {}) {
    const headers = headerRecord(init.headers);
    const cost = estimatedCost(headers[ESTIMATED_COST_HEADER]);
    delete headers[ESTIMATED_COST_HEADER];
    const { resource, api } = resourceOf(url, graphqlPath);
    // Waits and the request abort on shutdown or the caller's signal; the request also on its timeout.
    const attempt = new AttemptSignal(
      [options.signal, init.signal ?? undefined].filter((s): s is AbortSignal => s !== undefined),
    );
    let release: (() => void) | undefined;
    try {
      release = await options.semaphore.acquire(attempt.signal);
      const reservationId = await reserveBudget(
        options.ledger,
        options.fingerprint,
        { resource, cost, api },
        options.policy,
        { signal: attempt.signal, now, onWait: (decision) => options.onWait?.(resource, decision) },
      );
      const startedMs = now();
      let response: TransportResponse;
      attempt.startTimeout(options.timeoutMs);
      try {
        response = await options.fetch(url, { ...init, headers, signal: attempt.signal });
      } catch (err) {
        await options.ledger.settle(options.fingerprint, reservationId, undefined);
        options.onResponse?.({ resource, status: 'no-response', durationMs: now() - startedMs });
        throw err;
      }
      await options.ledger.settle(
        options.fingerprint,
        reservationId,
        parseRateLimitHeaders(response.headers, response.status),
      );
      options.onResponse?.({ resource, status: response.status, durationMs: now() - startedMs });
      return response;
    } finally {
      attempt.dispose();
      release?.();
    }
  };
}

/** REST core, search and GraphQL have separate primary budgets; secondary points are per API. */
export function resourceOf(url: string, graphqlPath: string): { resource: string; api: SecondaryApi } {
  const path = new URL(url, 'http://github.invalid').pathname;
  if (path === graphqlPath) return { resource: 'graphql', api: 'graphql' };
  if (/\/search\//.test(path)) return { resource: 'search', api: 'rest' };
  return { resource: 'core', api: 'rest' };
}

function estimatedCost(value: string | undefined): number {
  const n = Number(value ?? 1);
  return Number.isFinite(n) && n >= 1 ? Math.ceil(n) : 1;
}
