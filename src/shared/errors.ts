/**
 * One registry of error codes. Every error the product raises on purpose is a VitalsError with a
 * stable code from this table; docs/errors.md lists the same codes (a test keeps them in step).
 * `exitCode` follows the CLI contract: 2 = bad input, 1 = the work could not be done.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { exitCode: 2, summary: 'A configuration value is missing or malformed.' },
  INPUT_INVALID: { exitCode: 2, summary: 'A command-line argument or request body is malformed.' },
  REPO_NAME_INVALID: { exitCode: 2, summary: 'An OWNER/NAME does not follow GitHub naming rules.' },
  REPO_NOT_REGISTERED: { exitCode: 2, summary: 'The repository is not registered with OSS Vitals.' },
  DB_LOCKED: { exitCode: 1, summary: 'Another process holds the embedded database directory.' },
  DB_UNAVAILABLE: { exitCode: 1, summary: 'The database cannot be reached.' },
  REDIS_UNAVAILABLE: { exitCode: 1, summary: 'Redis (REDIS_URL) cannot be reached.' },
  MIGRATION_FAILED: { exitCode: 1, summary: 'A schema migration failed; the database was left unchanged.' },
  GH_REPOSITORY_GONE: {
    exitCode: 1,
    summary: 'GitHub answered 404/410: the repository is deleted or private.',
  },
  GH_OWNER_NOT_FOUND: {
    exitCode: 2,
    summary: 'GitHub has no organisation or user of that login (`repo add --org`).',
  },
  GH_REPOSITORY_BLOCKED: { exitCode: 1, summary: 'GitHub answered 451 or "access blocked" (DMCA, ToS).' },
  GH_REPOSITORY_EMPTY: { exitCode: 1, summary: 'GitHub answered 409/204: the repository has no commits.' },
  GH_AUTH_FAILED: {
    exitCode: 1,
    summary: 'GitHub rejected the credential: expired or revoked token, or an app installation got no token.',
  },
  GH_RATE_LIMITED: { exitCode: 1, summary: 'A GitHub budget is exhausted; the request waits for its reset.' },
  GH_TRANSIENT: { exitCode: 1, summary: 'GitHub answered 5xx, reset the connection or timed out.' },
  GH_UNEXPECTED: { exitCode: 1, summary: 'GitHub answered something the client does not understand.' },
  INTERNAL: { exitCode: 1, summary: 'A bug: an invariant of OSS Vitals did not hold.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class VitalsError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'VitalsError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exitCode;
  }
}

export function isVitalsError(err: unknown, code?: ErrorCode): err is VitalsError {
  return err instanceof VitalsError && (code === undefined || err.code === code);
}
