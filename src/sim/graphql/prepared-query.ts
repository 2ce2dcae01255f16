import {
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { githubSchema } from './github-schema.js';

export interface PreparedQuery {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * Parse + validate against GitHub's schema, cached by query text: a crawler sends the same few
 * queries with different variables, and `cost()` then `execute()` see the same text.
 */
const MAX_CACHED = 256;
const cache = new Map<string, PreparedQuery | { errors: readonly GraphQLError[] }>();

export function prepareQuery(query: string): PreparedQuery | { errors: readonly GraphQLError[] } {
  const hit = cache.get(query);
  if (hit) return hit;
  const prepared = prepareUncached(query);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(query, prepared);
  return prepared;
}

function prepareUncached(query: string): PreparedQuery | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const errors = validate(githubSchema(), document);
  if (errors.length > 0) return { errors };
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  }
  // The engine's contract carries no operationName: a document must hold exactly one operation.
  const operation = operations[0];
  if (operations.length !== 1 || !operation) {
    return { errors: [new GraphQLError('An operation name is required')] };
  }
  return { document, operation, fragments };
}
