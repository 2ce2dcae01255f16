import { notImplementedError } from '../graphql-errors.js';

/**
 * Arguments the simulator does not model must not be silently ignored (that would return wrong
 * pages): any argument given a value other than null or its schema default, and not in `supported`,
 * raises an error.
 */
export function rejectArgs(
  field: string,
  args: Record<string, unknown>,
  supported: readonly string[],
  schemaDefaults: Record<string, unknown> = {},
): void {
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || value === null || supported.includes(name)) continue;
    // graphql-js fills in schema defaults (e.g. IssueFilters.viewerSubscribed = false).
    if (schemaDefaults[name] === value) continue;
    throw notImplementedError(`argument ${field}(${name}:)`);
  }
}
