/** Shapes shared by the GraphQL engine and the HTTP layer that mounts it (SIM-REST). */

/** One entry of a GraphQL `errors` array, as GitHub renders it. */
export interface GraphqlError {
  message: string;
  /** GitHub's error class, e.g. `NOT_FOUND`, `MAX_NODE_LIMIT_EXCEEDED`, `undefinedField`. */
  type?: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/** What the `rateLimit` field answers; the HTTP layer owns the buckets and passes a snapshot. */
export interface RateLimitView {
  limit: number;
  cost: number;
  remaining: number;
  /** ISO 8601 instant. */
  resetAt: string;
  used: number;
  nodeCount: number;
}

export interface GraphqlResult {
  data?: unknown;
  errors?: GraphqlError[];
}

export type QueryCost = { cost: number; nodeCount: number } | { errors: GraphqlError[] };
