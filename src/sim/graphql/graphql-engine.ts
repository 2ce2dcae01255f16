import {
  execute,
  getVariableValues,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from 'graphql';
import type { World } from '../world.js';
import { githubSchema } from './github-schema.js';
import { fastExecute, type FieldResolve } from './fast-execute.js';
import { notImplementedError, toGithubError, toGithubValidationError } from './graphql-errors.js';
import type { ExecContext, Resolver } from './models.js';
import type { NodeCache } from './node-cache.js';
import { prepareQuery, type PreparedQuery } from './prepared-query.js';
import { computeQueryCost } from './query-cost.js';
import { resolversByType } from './resolvers/index.js';
import { variablesKey } from './variables-key.js';
import type { GraphqlError, GraphqlResult, QueryCost, RateLimitView } from './types.js';

type Analysed =
  | { prepared: PreparedQuery; variables: Record<string, unknown>; cost: number; nodeCount: number }
  | { errors: GraphqlError[] };

/**
 * The HTTP layer calls `cost()` then `execute()` with the same query and variables objects: the
 * last analysis is kept so the second call does not coerce variables and walk the cost again.
 */
let lastAnalysis: { query: string; variables: unknown; analysed: Analysed } | undefined;

function analyse(query: string, variables: Record<string, unknown> | undefined): Analysed {
  const last = lastAnalysis;
  if (last !== undefined && last.query === query && last.variables === variables) return last.analysed;
  const analysed = analyseKeyed(query, variables);
  lastAnalysis = { query, variables, analysed };
  return analysed;
}

/**
 * Analyses by prepared query and variables' JSON: a crawl asks each history page again on the next
 * crawl, and coercing variables and walking the cost were most of a repeated request's engine time.
 * The analysis depends on nothing else (the schema is fixed).
 */
const MAX_ANALYSES_PER_QUERY = 512;
const analyses = new WeakMap<PreparedQuery, Map<string, Analysed>>();

function analyseKeyed(query: string, variables: Record<string, unknown> | undefined): Analysed {
  const prepared = prepareQuery(query);
  if ('errors' in prepared) return { errors: prepared.errors.map(toGithubValidationError) };
  const key = variablesKey(variables);
  if (key === undefined) return analyseUncached(prepared, variables);
  let byVariables = analyses.get(prepared);
  if (byVariables === undefined) {
    byVariables = new Map();
    analyses.set(prepared, byVariables);
  }
  let analysed = byVariables.get(key);
  if (analysed === undefined) {
    analysed = analyseUncached(prepared, variables);
    if (byVariables.size >= MAX_ANALYSES_PER_QUERY)
      byVariables.delete(byVariables.keys().next().value as string);
    byVariables.set(key, analysed);
  }
  return analysed;
}

/** Variables and the static cost of a valid document, in the order GitHub applies them. */
function analyseUncached(prepared: PreparedQuery, variables: Record<string, unknown> | undefined): Analysed {
  if (prepared.operation.operation !== 'query') {
    return { errors: [toGithubError(notImplementedError(`the ${prepared.operation.operation} operation`))] };
  }
  const schema = githubSchema();
  const coerced = getVariableValues(schema, prepared.operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return { errors: coerced.errors.map(toGithubValidationError) };
  const cost = computeQueryCost(schema, prepared.operation, prepared.fragments, coerced.coerced);
  if ('errors' in cost) return { errors: cost.errors.map(toGithubError) };
  return { prepared, variables: coerced.coerced, ...cost };
}

export function queryCost(query: string, variables: Record<string, unknown> | undefined): QueryCost {
  const analysed = analyse(query, variables);
  return 'errors' in analysed ? analysed : { cost: analysed.cost, nodeCount: analysed.nodeCount };
}

export async function executeQuery(
  query: string,
  variables: Record<string, unknown> | undefined,
  context: { world: World; rateLimit: RateLimitView; nodes?: NodeCache },
  options: { fastPath?: boolean } = {},
): Promise<GraphqlResult> {
  const analysed = analyse(query, variables);
  if ('errors' in analysed) return { errors: analysed.errors };
  const contextValue: ExecContext = new Context(context);
  const schema = githubSchema();
  const fast =
    options.fastPath === false
      ? undefined
      : fastExecute(schema, analysed.prepared, analysed.variables, contextValue, fastResolve, resolverFor);
  if (fast !== undefined) return fast;
  const result = await execute({
    schema,
    document: analysed.prepared.document,
    rootValue: {},
    contextValue,
    variableValues: variables ?? {},
    fieldResolver,
    typeResolver,
  });
  return {
    data: result.data ?? null,
    ...(result.errors?.length ? { errors: result.errors.map(toGithubError) } : {}),
  };
}

/**
 * What resolvers see. `rateLimit` is read from the caller's context only when the `rateLimit` field
 * resolves, so a caller may tell whether the answer depended on it.
 */
class Context implements ExecContext {
  readonly world: World;
  readonly nodes: NodeCache | undefined;

  constructor(private readonly given: { world: World; rateLimit: RateLimitView; nodes?: NodeCache }) {
    this.world = given.world;
    this.nodes = given.nodes;
  }

  get rateLimit(): RateLimitView {
    return this.given.rateLimit;
  }
}

/**
 * Every field goes through here: plain models answer their own properties, tagged models the
 * resolver registered for their type. Anything else is an explicit error naming the field —
 * the simulator never answers null for something it does not model.
 */
const fieldResolver: GraphQLFieldResolver<unknown, ExecContext> = (source, args, context, info) => {
  if (isPlain(source)) {
    return Object.hasOwn(source, info.fieldName)
      ? source[info.fieldName]
      : unimplemented(info.parentType.name, info.fieldName);
  }
  const resolver = resolverFor(info.parentType.name, info.fieldName);
  return resolver
    ? resolver(source, givenArguments(args, info.fieldNodes[0]), context)
    : unimplemented(info.parentType.name, info.fieldName);
};

/** The same rule for the fast path (whose errors send the query through graphql-js). */
const fastResolve: FieldResolve = (source, args, context, parentType, plan) => {
  if (isPlain(source)) {
    return Object.hasOwn(source, plan.fieldName)
      ? source[plan.fieldName]
      : unimplemented(parentType.name, plan.fieldName);
  }
  return plan.resolver
    ? plan.resolver(source, givenArguments(args, plan.node), context)
    : unimplemented(parentType.name, plan.fieldName);
};

function resolverFor(typeName: string, fieldName: string): Resolver<unknown> | undefined {
  return resolversByType[typeName]?.[fieldName] as Resolver<unknown> | undefined;
}

function unimplemented(typeName: string, fieldName: string): never {
  throw notImplementedError(`field ${typeName}.${fieldName}`);
}

/**
 * The arguments the query wrote, without the schema defaults graphql-js fills in (e.g.
 * `labels(orderBy:)` defaults to NAME ASC): resolvers refuse arguments they do not model, and a
 * default nobody asked for must not trip that.
 */
function givenArguments(args: Record<string, unknown>, node: FieldNode | undefined): Record<string, unknown> {
  const written = node?.arguments ?? [];
  if (written.length === Object.keys(args).length) return args;
  const given: Record<string, unknown> = {};
  for (const argument of written) {
    const name = argument.name.value;
    if (name in args) given[name] = args[name];
  }
  return given;
}

const typeResolver: GraphQLTypeResolver<unknown, ExecContext> = (value) =>
  (value as { __typename?: string }).__typename;

function isPlain(source: unknown): source is Record<string, unknown> {
  return typeof source === 'object' && source !== null && (source as { __plain?: unknown }).__plain === true;
}
