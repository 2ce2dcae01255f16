import {
  getArgumentValues,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  typeFromAST,
  type ASTNode,
  type FieldNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { RawJson, utf8Slice } from '../json-bytes.js';
import { jsonString } from '../render/json-text.js';
import { compileCommitJson, type CommitJson, type SelectedField } from './commit-json.js';
import type { ExecContext, Resolver } from './models.js';
import { cacheableItem } from './node-cache.js';
import type { PreparedQuery } from './prepared-query.js';
import type { SimCommit } from '../world.js';

/**
 * A fast path for the successful execution of a validated query, with graphql-js's semantics
 * (field collection and merging, argument coercion, leaf serialisation, abstract type checks,
 * response key order) but without its per-field bookkeeping (paths, resolve infos, promise checks):
 * a crawler's 100-commit page resolves thousands of fields, and graphql-js's generic machinery was
 * most of the simulator's CPU per GraphQL request.
 *
 * It answers only when everything succeeds. On anything else — a resolver error, a null in a
 * non-null position, a leaf that does not serialise, a promise, a directive, introspection — it
 * returns `undefined` and the caller runs graphql-js's `execute`, which produces the exact `data` +
 * `errors` GitHub clients see. Resolvers only read the world, so running them twice is harmless.
 */
export type FieldResolve = (
  source: unknown,
  args: Record<string, unknown>,
  context: ExecContext,
  parentType: GraphQLObjectType,
  plan: FieldPlan,
) => unknown;

/**
 * Arguments of fields that take none, shared: resolvers only read their arguments (a write would
 * throw, and the query would go through graphql-js).
 */
const NO_ARGS: Record<string, unknown> = Object.freeze({});

/** Thrown inside the fast path to abandon it; never escapes `fastExecute`. */
const BAIL = new Error('fast path not applicable');

/** One response key of one selection set, for one runtime object type. */
export interface FieldPlan {
  responseKey: string;
  /** `"responseKey":`, written before the field's value. */
  keyJson: string;
  fieldName: string;
  node: FieldNode;
  nodes: FieldNode[];
  definition: GraphQLField<unknown, unknown> | undefined;
  /** The definition's type unwrapped (undefined for `__typename` and unknown fields). */
  shape: Shape | undefined;
  /** Resolver registered for (parent type, field), looked up once. */
  resolver: Resolver<unknown> | undefined;
  /** Arguments computed for `argsFor` (args depend on the variables only). */
  argsVariables: Record<string, unknown> | undefined;
  args: Record<string, unknown> | undefined;
  /** Sub-selection plans by runtime object type name. */
  children: Map<string, FieldPlan[]>;
  /** Whether the sub-selection reads variables (computed on first use). */
  readsVariables: boolean | undefined;
}

interface QueryPlan {
  supported: boolean;
  root: FieldPlan[] | undefined;
}

const plans = new WeakMap<PreparedQuery, QueryPlan>();

/** Direct commit writers by selection plan (null: the selection needs the generic executor). */
const commitWriters = new WeakMap<FieldPlan[], CommitJson | null>();

export function fastExecute(
  schema: GraphQLSchema,
  prepared: PreparedQuery,
  variables: Record<string, unknown>,
  context: ExecContext,
  resolve: FieldResolve,
  resolverFor: (typeName: string, fieldName: string) => Resolver<unknown> | undefined,
): { data: unknown } | undefined {
  let plan = plans.get(prepared);
  if (plan === undefined) {
    plan = { supported: isSupported(prepared), root: undefined };
    plans.set(prepared, plan);
  }
  if (!plan.supported) return undefined;
  const rootType = schema.getQueryType();
  if (!rootType || prepared.operation.operation !== 'query') return undefined;
  const executor = new FastExecutor(schema, prepared, variables, context, resolve, resolverFor);
  try {
    plan.root ??= executor.collect([prepared.operation.selectionSet], rootType);
    executor.object(plan.root, rootType, {});
    // With a node cache (the HTTP layer) `data` stays JSON bytes; other callers get objects.
    const data = executor.finish();
    return {
      data: context.nodes === undefined ? (JSON.parse(data.toString('utf8')) as unknown) : new RawJson(data),
    };
  } catch {
    // BAIL, or a resolver's own error: graphql-js reports it (with its path) in `errors`.
    return undefined;
  }
}

/**
 * Directives (@skip/@include), introspection (`__schema`, `__type`) and a `__proto__` alias (which a
 * plain object would not hold as a key) are left to graphql-js.
 */
function isSupported(prepared: PreparedQuery): boolean {
  const sets: SelectionSetNode[] = [prepared.operation.selectionSet];
  for (const fragment of Object.values(prepared.fragments)) {
    if (fragment.directives?.length) return false;
    sets.push(fragment.selectionSet);
  }
  if (prepared.operation.directives?.length) return false;
  while (sets.length > 0) {
    const set = sets.pop() as SelectionSetNode;
    for (const selection of set.selections) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') && name !== '__typename') return false;
        if (selection.alias?.value === '__proto__') return false;
        if (selection.selectionSet) sets.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        sets.push(selection.selectionSet);
      }
    }
  }
  return true;
}

/**
 * The executor writes the response's JSON text as it resolves fields (what JSON.stringify would
 * write for the objects graphql-js builds, key order included) instead of building objects to
 * stringify afterwards: a history page is thousands of small objects, and building then
 * stringifying them was most of a cold GraphQL request. Cached nodes are spliced in as bytes.
 */
class FastExecutor {
  /** JSON text written since the last byte part. */
  private text = '';
  /** Earlier text and cached nodes' bytes, in order. */
  private parts: (string | Buffer)[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly prepared: PreparedQuery,
    private readonly variables: Record<string, unknown>,
    private readonly context: ExecContext,
    private readonly resolve: FieldResolve,
    private readonly resolverFor: (typeName: string, fieldName: string) => Resolver<unknown> | undefined,
  ) {}

  /** graphql-js's collectFields over several selection sets (merged fields), for one object type. */
  collect(sets: readonly SelectionSetNode[], type: GraphQLObjectType): FieldPlan[] {
    const byKey = new Map<string, FieldNode[]>();
    const visited = new Set<string>();
    const visit = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const nodes = byKey.get(key);
          if (nodes) nodes.push(selection);
          else byKey.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.conditionMatches(selection.typeCondition, type)) visit(selection.selectionSet);
        } else {
          const name = selection.name.value;
          if (visited.has(name)) continue;
          visited.add(name);
          const fragment = this.prepared.fragments[name];
          if (fragment && this.conditionMatches(fragment.typeCondition, type)) visit(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) visit(set);
    const fields = type.getFields();
    return [...byKey].map(([responseKey, nodes]) => {
      const node = nodes[0] as FieldNode;
      const fieldName = node.name.value;
      const definition = fieldName === '__typename' ? undefined : fields[fieldName];
      return {
        responseKey,
        keyJson: `${JSON.stringify(responseKey)}:`,
        fieldName,
        node,
        nodes,
        definition,
        shape: definition === undefined ? undefined : shapeOf(definition.type),
        resolver: this.resolverFor(type.name, fieldName),
        argsVariables: undefined,
        args: undefined,
        children: new Map(),
        readsVariables: undefined,
      };
    });
  }

  private conditionMatches(
    condition: Parameters<typeof typeFromAST>[1] | undefined,
    type: GraphQLObjectType,
  ): boolean {
    if (!condition) return true;
    const conditional = typeFromAST(this.schema, condition);
    if (conditional === type) return true;
    return conditional !== undefined && isAbstractType(conditional)
      ? this.schema.isSubType(conditional, type)
      : false;
  }

  /** Writes the object's JSON: its fields in response-key order. */
  object(fields: FieldPlan[], type: GraphQLObjectType, source: unknown): void {
    let separator = '{';
    for (const plan of fields) {
      const { definition, shape } = plan;
      if (definition === undefined || shape === undefined) {
        // `__typename` answers the runtime type; a field the type lacks is left out (graphql-js).
        if (plan.fieldName === '__typename') {
          this.text += separator + plan.keyJson + JSON.stringify(type.name);
          separator = ',';
        }
        continue;
      }
      const value = this.resolve(source, this.argsFor(plan, definition), this.context, type, plan);
      this.text += separator + plan.keyJson;
      separator = ',';
      this.complete(shape, plan, value);
    }
    this.text += separator === '{' ? '{}' : '}';
  }

  /** An object of a world item: commits through their direct writer when it covers the selection. */
  private node(fields: FieldPlan[], type: GraphQLObjectType, value: unknown): void {
    if (type.name === 'Commit') {
      const model = value as { __plain?: unknown; repo?: { commits: SimCommit[] }; index?: number };
      const commit = model.__plain === true ? undefined : model.repo?.commits[model.index as number];
      const json = commit === undefined ? undefined : this.commitWriter(fields)?.(commit, this.context.world);
      if (json !== undefined) {
        this.text += json;
        return;
      }
    }
    this.object(fields, type, value);
  }

  private commitWriter(fields: FieldPlan[]): CommitJson | undefined {
    let writer = commitWriters.get(fields);
    if (writer === undefined) {
      writer = compileCommitJson(fields.map((plan) => this.selected(plan))) ?? null;
      commitWriters.set(fields, writer);
    }
    return writer ?? undefined;
  }

  private selected(plan: FieldPlan): SelectedField {
    return {
      keyJson: plan.keyJson,
      fieldName: plan.fieldName,
      hasArguments: plan.nodes.some((node) => (node.arguments?.length ?? 0) > 0),
      subFields:
        plan.shape === undefined
          ? undefined
          : (typeName) => {
              const type = this.schema.getType(typeName);
              if (!isObjectType(type)) return [];
              let fields = plan.children.get(typeName);
              if (fields === undefined) {
                const sets = plan.nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
                fields = this.collect(sets, type);
                plan.children.set(typeName, fields);
              }
              return fields.map((field) => this.selected(field));
            },
    };
  }

  /** The JSON written so far as UTF-8 bytes; the executor starts over empty. */
  finish(): Buffer {
    const { text, parts } = this;
    this.text = '';
    this.parts = [];
    if (parts.length === 0) return utf8Slice(text);
    // Texts between cached nodes are short (`,`, `]}`): encoding each and joining copies the
    // nodes' bytes once, where a writer copied them into its buffer and again out of it.
    const pieces: Buffer[] = [];
    for (const part of parts) pieces.push(typeof part === 'string' ? utf8Slice(part) : part);
    if (text !== '') pieces.push(utf8Slice(text));
    return Buffer.concat(pieces);
  }

  private splice(bytes: Buffer): void {
    if (this.text !== '') this.parts.push(this.text);
    this.text = '';
    this.parts.push(bytes);
  }

  private argsFor(plan: FieldPlan, definition: GraphQLField<unknown, unknown>): Record<string, unknown> {
    if (definition.args.length === 0) return NO_ARGS;
    if (plan.argsVariables !== this.variables || plan.args === undefined) {
      plan.args = getArgumentValues(definition, plan.node, this.variables);
      plan.argsVariables = this.variables;
    }
    return plan.args;
  }

  /** Writes the value's JSON. */
  private complete(shape: Shape, plan: FieldPlan, value: unknown): void {
    // Errors and promises (thenables, as graphql-js sees them) are graphql-js's to handle; only
    // objects can be either, so leaves skip the lookups.
    if (typeof value === 'object' && value !== null) {
      if (value instanceof Error || typeof (value as { then?: unknown }).then === 'function') throw BAIL;
    }
    switch (shape.kind) {
      case 'nonNull': {
        if (value === null || value === undefined) throw BAIL;
        this.complete(shape.of, plan, value);
        return;
      }
      case 'list': {
        if (value === null || value === undefined) {
          this.text += 'null';
          return;
        }
        if (!Array.isArray(value)) throw BAIL;
        this.text += '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) this.text += ',';
          this.complete(shape.of, plan, value[i]);
        }
        this.text += ']';
        return;
      }
      case 'leaf': {
        if (value === null || value === undefined) {
          this.text += 'null';
          return;
        }
        const serialized = shape.type.serialize(value);
        if (serialized === null || serialized === undefined) throw BAIL;
        this.text += leafJson(serialized);
        return;
      }
      default: {
        if (value === null || value === undefined) {
          this.text += 'null';
          return;
        }
        const objectType = shape.kind === 'abstract' ? this.runtimeType(shape.type, value) : shape.type;
        let fields = plan.children.get(objectType.name);
        if (fields === undefined) {
          const sets = plan.nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
          fields = this.collect(sets, objectType);
          plan.children.set(objectType.name, fields);
        }
        const cache = this.context.nodes;
        const item = cache === undefined ? undefined : cacheableItem(value);
        if (cache === undefined || item === undefined || this.readsVariables(plan)) {
          this.node(fields, objectType, value);
          return;
        }
        const hit = cache.get(fields, item);
        if (hit !== undefined) {
          this.splice(hit.bytes);
          return;
        }
        // Kept as bytes: later responses copy them, and the cache holds no object graph for the
        // garbage collector to walk.
        const { text, parts } = this;
        this.text = '';
        this.parts = [];
        this.node(fields, objectType, value);
        const bytes = this.finish();
        this.text = text;
        this.parts = parts;
        cache.set(fields, item, new RawJson(bytes));
        this.splice(bytes);
      }
    }
  }

  /**
   * Whether the field's sub-selection passes any variable to an argument: its completed objects
   * then depend on the request's variables and are not cached.
   */
  private readsVariables(plan: FieldPlan): boolean {
    if (plan.readsVariables === undefined) {
      const seen = new Set<string>();
      const visit = (node: ASTNode): boolean => {
        if (node.kind === Kind.VARIABLE) return true;
        if (node.kind === Kind.FRAGMENT_SPREAD) {
          if (seen.has(node.name.value)) return false;
          seen.add(node.name.value);
          const fragment = this.prepared.fragments[node.name.value];
          return fragment !== undefined && visit(fragment.selectionSet);
        }
        if (node.kind === Kind.FIELD) {
          return (node.arguments ?? []).some(visit) || (node.selectionSet ? visit(node.selectionSet) : false);
        }
        if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) return visit(node.value);
        if (node.kind === Kind.LIST) return node.values.some(visit);
        if (node.kind === Kind.OBJECT) return node.fields.some(visit);
        if (node.kind === Kind.SELECTION_SET) return node.selections.some(visit);
        if (node.kind === Kind.INLINE_FRAGMENT) return visit(node.selectionSet);
        return false;
      };
      plan.readsVariables = plan.nodes.some(
        (node) => node.selectionSet !== undefined && visit(node.selectionSet),
      );
    }
    return plan.readsVariables;
  }

  /** The engine's type resolver answers `__typename`; graphql-js checks it names a possible type. */
  private runtimeType(type: GraphQLAbstractType, value: unknown): GraphQLObjectType {
    const name = (value as { __typename?: unknown }).__typename;
    if (typeof name !== 'string') throw BAIL;
    const runtime = this.schema.getType(name);
    if (!isObjectType(runtime) || !this.schema.isSubType(type, runtime)) throw BAIL;
    return runtime;
  }
}

/** JSON.stringify of a serialised leaf (strings and numbers without its generic machinery). */
function leafJson(value: unknown): string {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const json = JSON.stringify(value) as string | undefined;
  // A function or symbol would be left out of an object by JSON.stringify: graphql-js decides.
  if (json === undefined) throw BAIL;
  return json;
}

/** An output type unwrapped once, so completing a value needs no `instanceof` chain per field. */
type Shape =
  | { kind: 'nonNull' | 'list'; of: Shape }
  | { kind: 'leaf'; type: GraphQLLeafType }
  | { kind: 'abstract'; type: GraphQLAbstractType }
  | { kind: 'object'; type: GraphQLObjectType };

const shapes = new WeakMap<GraphQLOutputType, Shape>();

function shapeOf(type: GraphQLOutputType): Shape {
  let shape = shapes.get(type);
  if (shape === undefined) {
    if (isNonNullType(type)) shape = { kind: 'nonNull', of: shapeOf(type.ofType) };
    else if (isListType(type)) shape = { kind: 'list', of: shapeOf(type.ofType as GraphQLOutputType) };
    else if (isLeafType(type)) shape = { kind: 'leaf', type };
    else if (isAbstractType(type)) shape = { kind: 'abstract', type };
    else if (isObjectType(type)) shape = { kind: 'object', type };
    else throw BAIL;
    shapes.set(type, shape);
  }
  return shape;
}
