import { isGitHubError } from '../src/github/github-error.js';
import { isVitalsError, VitalsError } from '../src/shared/errors.js';
import { redactText } from '../src/shared/redact.js';

/**
 * THE one place that decides what a failed job means for BullMQ (PostHog's "one runner decides"):
 * - `rate-limit`: a GitHub budget is exhausted or paced → pause this credential's queue
 *   (`worker.rateLimit`) and give the job back to wait; no attempt is spent;
 * - `give-back`: the worker is shutting down and aborted the job → back to wait, no attempt spent;
 * - `give-up`: retrying cannot help (gone/blocked repository, bad credential, malformed payload,
 *   an answer we do not understand) → `UnrecoverableError`, recorded where operators look;
 * - `retry`: anything else (5xx, resets, timeouts, PostgreSQL or Redis restarting) → BullMQ retries
 *   with exponential backoff and jitter; the last attempt is recorded.
 */
export type FailureDecision =
  | { readonly action: 'rate-limit'; readonly waitMs: number }
  | { readonly action: 'give-back' }
  | {
      readonly action: 'give-up';
      readonly code: string;
      readonly message: string;
      readonly repositoryState?: 'gone' | 'blocked';
    }
  | { readonly action: 'retry'; readonly code: string; readonly message: string };

/** When a rate-limit error carries no reset time (GitHub said "wait" without saying how long). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export function decideFailure(
  err: unknown,
  context: { shuttingDown: boolean; nowMs: number },
): FailureDecision {
  // Whatever a job throws once shutdown aborted its requests is the abort's doing: give it back.
  if (context.shuttingDown) return { action: 'give-back' };
  const code = err instanceof VitalsError ? err.code : 'INTERNAL';
  const message = redactText(err instanceof Error ? err.message : String(err)).slice(0, 1_000);
  if (isVitalsError(err, 'GH_RATE_LIMITED')) {
    const retryAt = Date.parse(String(err.details['retryAt'] ?? ''));
    const waitMs = Number.isFinite(retryAt) ? retryAt - context.nowMs : DEFAULT_RATE_LIMIT_WAIT_MS;
    return { action: 'rate-limit', waitMs: Math.max(1_000, waitMs) };
  }
  if (isGitHubError(err, 'gone') || isVitalsError(err, 'GH_REPOSITORY_GONE'))
    return { action: 'give-up', code, message, repositoryState: 'gone' };
  if (isGitHubError(err, 'blocked') || isVitalsError(err, 'GH_REPOSITORY_BLOCKED'))
    return { action: 'give-up', code, message, repositoryState: 'blocked' };
  if (
    isVitalsError(err, 'GH_AUTH_FAILED') ||
    isVitalsError(err, 'INPUT_INVALID') ||
    isGitHubError(err, 'fatal') ||
    isGitHubError(err, 'narrow')
  )
    return { action: 'give-up', code, message };
  return { action: 'retry', code, message };
}
