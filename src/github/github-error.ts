import { VitalsError } from '../shared/errors.js';
import { redactText } from '../shared/redact.js';
import type { FailureClass, FailureInput, FailureKind } from './classify-failure.js';

/**
 * A classified GitHub failure. `kind` tells the caller what to do (mark gone/blocked/empty, narrow,
 * give up); the message names the operation, the status and the credential by fingerprint — never
 * the token, and never octokit's request object (not attached as `cause`).
 */
export class GitHubError extends VitalsError {
  readonly kind: FailureKind;
  readonly status: number | undefined;
  readonly fingerprint: string;

  constructor(
    failure: FailureClass,
    input: FailureInput,
    context: { operation: string; fingerprint: string },
  ) {
    const status =
      input.status !== undefined
        ? String(input.status)
        : input.graphqlErrorTypes
          ? 'GraphQL errors'
          : 'no response';
    const detail = input.message ? `: ${truncate(input.message, 300)}` : '';
    const message = redactText(
      `GitHub ${context.operation} failed (${failure.kind}, ${status})${detail} [credential ${context.fingerprint}]`,
    );
    super(failure.code, message, {
      kind: failure.kind,
      rule: failure.rule,
      status: input.status ?? null,
      credential: context.fingerprint,
      operation: redactText(context.operation),
      ...(failure.wait ? { retryAt: new Date(failure.wait.untilMs).toISOString() } : {}),
    });
    this.name = 'GitHubError';
    this.kind = failure.kind;
    this.status = input.status;
    this.fingerprint = context.fingerprint;
  }
}

export function isGitHubError(err: unknown, kind?: FailureKind): err is GitHubError {
  return err instanceof GitHubError && (kind === undefined || err.kind === kind);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
