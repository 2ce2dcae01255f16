import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { typedError } from './graphql-errors.js';

/** GitHub: "Values of `first` and `last` must be within 1-100." */
export const MAX_PAGE_SIZE = 100;
/** GitHub: "Individual calls cannot request more than 500,000 total nodes." */
export const MAX_NODE_COUNT = 500_000;

export type CostResult = { cost: number; nodeCount: number } | { errors: GraphQLError[] };

/**
 * The rate-limit score of a query, computed statically as GitHub documents it
 * (docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api):
 *  1. add up the requests needed to fulfil each connection, assuming every connection reaches its
 *     `first`/`last` limit — a connection costs one request per node of its parent connections
 *     (repositories(first:100) → 1; issues(first:50) under it → 100; labels(first:60) → 5,000);
 *  2. divide by 100 and round to the nearest whole number; the minimum is 1.
 * `nodeCount` is the node-limit figure: the sum over connections of the product of the page sizes
 * on the way down (50 repositories + 50 × 10 issues = 550).
 *
 * It also enforces the node limits: `first`/`last` required on a connection whose nodes/edges are
 * selected (a `totalCount`-only connection needs none, as on GitHub), at most 100, at most 500,000
 * nodes in all.
 */
export function computeQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): CostResult {
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!rootType) return { cost: 1, nodeCount: 0 };
  const walk = new CostWalk(schema, fragments, variables);
  try {
    walk.selectionSet(operation.selectionSet, rootType, 1, []);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  return { cost: Math.max(1, Math.round(walk.requests / 100)), nodeCount: walk.nodeCount };
}

class CostWalk {
  requests = 0;
  nodeCount = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  selectionSet(
    set: SelectionSetNode,
    parentType: GraphQLCompositeType,
    multiplier: number,
    path: string[],
  ): void {
    for (const selection of set.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === 'Field') {
        this.field(selection, parentType, multiplier, path);
      } else if (selection.kind === 'InlineFragment') {
        const type = selection.typeCondition ? typeFromAST(this.schema, selection.typeCondition) : parentType;
        this.selectionSet(
          selection.selectionSet,
          (type as GraphQLCompositeType) ?? parentType,
          multiplier,
          path,
        );
      } else {
        const fragment = this.fragments[selection.name.value];
        if (!fragment) continue;
        const type = typeFromAST(this.schema, fragment.typeCondition) as GraphQLCompositeType | undefined;
        this.selectionSet(fragment.selectionSet, type ?? parentType, multiplier, path);
      }
    }
  }

  private field(node: FieldNode, parentType: GraphQLCompositeType, multiplier: number, path: string[]): void {
    if (node.name.value.startsWith('__')) return;
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) return;
    const definition = parentType.getFields()[node.name.value];
    if (!definition) return;
    const fieldPath = [...path, node.alias?.value ?? node.name.value];
    const returnType = getNamedType(definition.type) as GraphQLCompositeType;
    let childMultiplier = multiplier;
    const isConnection =
      returnType.name.endsWith('Connection') && definition.args.some((a) => a.name === 'first');
    if (isConnection) {
      const args = getArgumentValues(definition, node, this.variables);
      const pageSize = this.pageSize(node, args, fieldPath);
      this.requests += multiplier;
      childMultiplier = multiplier * pageSize;
      this.nodeCount += childMultiplier;
      if (this.nodeCount > MAX_NODE_COUNT) {
        throw new GraphQLError(
          `By the time this query traverses to the ${node.name.value} connection, it is requesting up to ` +
            `${this.nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ` +
            `${MAX_NODE_COUNT.toLocaleString('en-US')}.`,
          { nodes: [node], path: fieldPath, extensions: { githubType: 'MAX_NODE_LIMIT_EXCEEDED' } },
        );
      }
    }
    if (node.selectionSet) this.selectionSet(node.selectionSet, returnType, childMultiplier, fieldPath);
  }

  private pageSize(node: FieldNode, args: Record<string, unknown>, path: string[]): number {
    const name = node.name.value;
    const first = args['first'] as number | null | undefined;
    const last = args['last'] as number | null | undefined;
    const fail = (type: string, message: string): never => {
      const error = typedError(type, message, [node]);
      throw new GraphQLError(error.message, { nodes: [node], path, extensions: error.extensions });
    };
    if (first != null && last != null) {
      fail(
        'EXCESSIVE_PAGINATION',
        `Passing both \`first\` and \`last\` to paginate the \`${name}\` connection is not supported.`,
      );
    }
    const [argName, value] = first != null ? ['first', first] : ['last', last];
    if (value == null) {
      if (selectsNodes(node.selectionSet, this.fragments)) {
        fail(
          'MISSING_PAGINATION_BOUNDARIES',
          `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
        );
      }
      return 0;
    }
    if (value > MAX_PAGE_SIZE) {
      fail(
        'EXCESSIVE_PAGINATION',
        `Requesting ${value} records on the \`${name}\` connection exceeds the \`${argName}\` limit of ${MAX_PAGE_SIZE} records.`,
      );
    }
    if (value < 0) {
      fail('INVALID_PAGINATION', `\`${argName}\` on the \`${name}\` connection cannot be less than zero.`);
    }
    return value as number;
  }

  private included(selection: SelectionSetNode['selections'][number]): boolean {
    const skip = getDirectiveValues(GraphQLSkipDirective, selection, this.variables);
    if (skip?.['if'] === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, selection, this.variables);
    return include?.['if'] !== false;
  }
}

/** True when a connection's selection reaches its items (`nodes` or `edges`), fragments included. */
function selectsNodes(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  if (!set) return false;
  return set.selections.some((s) => {
    if (s.kind === 'Field') return s.name.value === 'nodes' || s.name.value === 'edges';
    if (s.kind === 'InlineFragment') return selectsNodes(s.selectionSet, fragments);
    return selectsNodes(fragments[s.name.value]?.selectionSet, fragments);
  });
}
