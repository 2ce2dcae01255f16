import { GraphQLError, type ASTNode } from 'graphql';
import type { GraphqlError } from './types.js';

/**
 * Errors in GitHub's shapes. GitHub (graphql-ruby) puts a `type` at the top level of resolver
 * errors (`NOT_FOUND`, `FORBIDDEN`, `EXCESSIVE_PAGINATION`, ...) and an `extensions.code` on
 * static validation errors (`undefinedField`, `argumentNotAccepted`, ...).
 */
export function typedError(type: string, message: string, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { githubType: type } });
}

export function notFoundError(message: string): GraphQLError {
  return typedError('NOT_FOUND', message);
}

/** Asked for something the simulator does not model: say so loudly instead of answering null. */
export function notImplementedError(what: string): GraphQLError {
  return typedError('SIMULATOR_NOT_IMPLEMENTED', `OSS Vitals simulator: ${what} is not implemented`);
}

/** A resolver or cost error → GitHub's `{ type, path, locations, message }` (that key order). */
export function toGithubError(error: GraphQLError): GraphqlError {
  const githubType = error.extensions['githubType'];
  return {
    ...(typeof githubType === 'string' ? { type: githubType } : {}),
    ...(error.path ? { path: [...error.path] } : {}),
    ...(error.locations ? { locations: error.locations.map(({ line, column }) => ({ line, column })) } : {}),
    message: error.message,
  };
}

/**
 * A static validation error from graphql-js → the message and `extensions` graphql-ruby (GitHub)
 * gives for the common cases, e.g. `Field 'foo' doesn't exist on type 'Repository'` with
 * `extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'foo' }`.
 */
export function toGithubValidationError(error: GraphQLError): GraphqlError {
  const locations = error.locations?.map(({ line, column }) => ({ line, column }));
  const shaped = (message: string, extensions?: Record<string, unknown>): GraphqlError => ({
    message,
    ...(locations ? { locations } : {}),
    ...(extensions ? { extensions } : {}),
  });
  let m = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(error.message);
  if (m?.[1] && m[2]) {
    return shaped(`Field '${m[1]}' doesn't exist on type '${m[2]}'`, {
      code: 'undefinedField',
      typeName: m[2],
      fieldName: m[1],
    });
  }
  m = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"\./.exec(error.message);
  if (m?.[1] && m[3]) {
    return shaped(`Field '${m[3]}' doesn't accept argument '${m[1]}'`, {
      code: 'argumentNotAccepted',
      name: m[3],
      typeName: 'Field',
      argumentName: m[1],
    });
  }
  m = /^Field "([^"]+)" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\./.exec(
    error.message,
  );
  if (m?.[1] && m[2]) {
    return shaped(`Field '${m[1]}' is missing required arguments: ${m[2]}`, {
      code: 'missingRequiredArguments',
      className: 'Field',
      name: m[1],
      arguments: m[2],
    });
  }
  return shaped(error.message);
}
