import type { GitHubOctokit } from './create-octokit.js';
import type { RequestLoopContext } from './request-loop.js';

/** What one REST or GraphQL call needs: the credential's octokit and the request loop's policy. */
export interface CallContext {
  octokit: GitHubOctokit;
  fingerprint: string;
  /** Throws GH_AUTH_FAILED when GitHub rejected the credential meanwhile (checked per attempt). */
  assertUsable(): void;
  signal: AbortSignal | undefined;
  loop: RequestLoopContext;
}

/** Octokit operations for logs and errors: route templates, Link URLs without host and query. */
export function operationOf(route: string): string {
  return route.replace(/https?:\/\/[^/]+/, '').replace(/\?.*$/, '');
}
