import { notImplementedError } from '../graphql-errors.js';

/**
 * Arguments the simulator does not model must not be silently ignored (that would return wrong
 * pages): any argument given a value other than null and not in `supported` raises an error.
 */
export function rejectArgs(field: string, args: Record<string, unknown>, supported: readonly string[]): void {
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || value === null || supported.includes(name)) continue;
    throw notImplementedError(`argument ${field}(${name}:)`);
  }
}
