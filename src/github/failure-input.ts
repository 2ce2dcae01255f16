import type { FailureInput } from './classify-failure.js';

/**
 * Turns whatever octokit, fetch or GraphQL threw into the plain facts the classifier reads. Octokit
 * wraps failed connections in a RequestError with status 500 (the undici error is its `cause`), so a
 * status 500 without a response is treated as "no response".
 */
export function failureInputOf(err: unknown): FailureInput {
  const e = (err ?? {}) as Record<string, unknown>;
  const response = e['response'] as { status?: unknown; headers?: unknown; data?: unknown } | undefined;
  const input: FailureInput = {};
  const status = typeof e['status'] === 'number' ? e['status'] : undefined;
  if (response !== undefined && status !== undefined) input.status = status;
  else if (response !== undefined && typeof response.status === 'number') input.status = response.status;
  const headers = (response?.headers ?? e['headers']) as Record<string, unknown> | undefined;
  if (headers && typeof headers === 'object') input.headers = stringValues(headers);
  const message =
    githubMessage(response?.data) ?? (typeof e['message'] === 'string' ? e['message'] : undefined);
  if (message !== undefined) input.message = message;
  const graphqlErrors = (e['errors'] ??
    (response?.data as { errors?: unknown } | undefined)?.errors) as unknown;
  if (Array.isArray(graphqlErrors)) {
    input.graphqlErrorTypes = graphqlErrors
      .map((g) => (g as { type?: unknown }).type)
      .filter((t): t is string => typeof t === 'string');
  }
  if (e['installationTokenRefused'] === true) input.installationTokenRefused = true;
  const cause = causeChain(err);
  const code = cause.map((c) => c['code']).find((c): c is string => typeof c === 'string');
  if (code !== undefined) input.errorCode = code;
  const name = cause
    .map((c) => c['name'])
    .find((n): n is string => n === 'TimeoutError' || n === 'AbortError');
  if (name !== undefined) input.errorName = name;
  if (input.status === undefined && input.message === undefined) {
    const inner = cause.map((c) => c['message']).find((m): m is string => typeof m === 'string');
    if (inner !== undefined) input.message = inner;
  }
  return input;
}

function githubMessage(data: unknown): string | undefined {
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string')
    return (data as { message: string }).message;
  return undefined;
}

function stringValues(headers: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers))
    if (value !== undefined && value !== null) out[key.toLowerCase()] = String(value);
  return out;
}

function causeChain(err: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  let current: unknown = err;
  while (current && typeof current === 'object' && chain.length < 5) {
    chain.push(current as Record<string, unknown>);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}
