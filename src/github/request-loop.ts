import type { Logger } from '../shared/logger.js';
import { isVitalsError } from '../shared/errors.js';
import { fullJitterDelayMs, type BackoffPolicy } from './backoff.js';
import type { BudgetLedger } from './budget-ledger.js';
import { classifyFailure } from './classify-failure.js';
import { failureInputOf } from './failure-input.js';
import { GitHubError } from './github-error.js';
import { abortReason, sleep, throwIfAborted } from './sleep.js';

export interface RequestLoopContext {
  /** e.g. "GET /repos/{owner}/{repo}" — route templates, never URLs with secrets. */
  operation: string;
  fingerprint: string;
  ledger: BudgetLedger;
  logger: Logger;
  /** Attempts for `retry` failures (5xx, resets, timeouts, 202) before giving up with GH_TRANSIENT. */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Rate-limit answers tolerated in one call (each waits for its reset / retry-after). */
  maxRateLimitWaits: number;
  resetMarginMs: number;
  signal?: AbortSignal | undefined;
  now: () => number;
  random: () => number;
  onAuthFailed: () => void;
}

/**
 * Runs one GitHub call under the policy of classifyFailure(): retry with exponential backoff and
 * full jitter (bounded, abortable); wait for rate limits (the budget ledger decides how long — no
 * request is sent meanwhile); anything else becomes a GitHubError with its kind for the caller.
 */
export async function runWithPolicy<T>(attempt: () => Promise<T>, ctx: RequestLoopContext): Promise<T> {
  let failures = 0;
  let waits = 0;
  for (;;) {
    throwIfAborted(ctx.signal);
    try {
      return await attempt();
    } catch (err) {
      if (ctx.signal?.aborted) throw abortReason(ctx.signal);
      const ours = vitalsErrorIn(err);
      if (ours !== undefined) throw ours;
      const input = failureInputOf(err);
      const failure = classifyFailure(input, ctx.now());
      const log = {
        credential: ctx.fingerprint,
        operation: ctx.operation,
        status: input.status ?? null,
        rule: failure.rule,
      };
      if (failure.kind === 'retry' && ++failures < ctx.maxAttempts) {
        const delayMs = fullJitterDelayMs(failures - 1, ctx.backoff, ctx.random);
        ctx.logger.debug({ ...log, attempt: failures, delayMs }, 'github request retried');
        await sleep(delayMs, ctx.signal);
        continue;
      }
      if (failure.kind === 'wait' && failure.wait && ++waits <= ctx.maxRateLimitWaits) {
        // Primary exhaustion (remaining 0) is already in the ledger from the headers, per resource.
        // A retry-after, a secondary limit without headers, or a GraphQL query costing more than
        // what is left blocks the whole credential until the time GitHub named.
        if (failure.wait.basis !== 'reset' || failure.wait.remaining !== 0)
          await ctx.ledger.block(ctx.fingerprint, failure.wait.untilMs + ctx.resetMarginMs);
        // The warning octokit's throttling plugin would give (it is off: the ledger does its job).
        const limit = PRIMARY_RULES.has(failure.rule) ? 'primary' : 'secondary';
        ctx.logger.warn(log, `github ${limit} rate limit hit`);
        ctx.logger.info(
          { ...log, until: new Date(failure.wait.untilMs).toISOString() },
          'github rate limited, waiting',
        );
        continue;
      }
      if (failure.kind === 'auth') ctx.onAuthFailed();
      throw new GitHubError(failure, input, { operation: ctx.operation, fingerprint: ctx.fingerprint });
    }
  }
}

const PRIMARY_RULES = new Set(['primary-exhausted', 'graphql-rate-limited']);

function vitalsErrorIn(err: unknown): Error | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (isVitalsError(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
