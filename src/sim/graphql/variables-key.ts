/**
 * The JSON text of a request's GraphQL variables, when they are plain JSON values (what a request
 * body parses to); `''` for no variables; undefined for anything else (undefined members, -0,
 * class instances…), which JSON text would not tell apart. The same query text with the same key
 * coerces to the same variables and costs the same, and in the same world gets the same answer.
 */
export function variablesKey(variables: Record<string, unknown> | undefined): string | undefined {
  if (variables === undefined) return '';
  return isPlainJson(variables, 0) ? JSON.stringify(variables) : undefined;
}

const MAX_DEPTH = 32;

function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        // Holes read as undefined.
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return false;
      // Hidden (non-enumerable) members are read by coercion but not written by JSON.stringify.
      const keys = Object.keys(value);
      if (keys.length !== Object.getOwnPropertyNames(value).length) return false;
      for (const key of keys) {
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
