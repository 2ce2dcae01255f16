import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { cleanText } from './clean-text.js';
import { repositoryNotRegistered } from './repository-lock.js';

/** PostgreSQL element types the bulk writer knows how to pass as one array parameter per column. */
export type BulkColumnType =
  'text' | 'bigint' | 'integer' | 'smallint' | 'boolean' | 'timestamptz' | 'text[]';

export interface BulkColumn {
  readonly name: string;
  readonly type: BulkColumnType;
}

export interface BulkUpsertSpec {
  readonly table: keyof Database & string;
  readonly columns: readonly BulkColumn[];
  /** The conflict target: primary key or unique columns (a subset of `columns`). */
  readonly key: readonly string[];
  /** Columns set to now() when a row is inserted or actually changes (e.g. observed_at). */
  readonly touch?: readonly string[];
  /** Columns written on insert only and never updated (e.g. first_seen_at). */
  readonly insertOnly?: readonly string[];
  /**
   * Most rows are usually stored already, identical (user refs): skip those before the upsert, without
   * locking them. ON CONFLICT DO UPDATE locks every conflicting row, even one its WHERE then leaves
   * alone, until commit, so transactions mentioning the same people would queue behind each other.
   * Costs an index probe per new row.
   */
  readonly mostlyUnchanged?: boolean;
  /**
   * The rows belong to one repository (column repository_id, the same in every row) and the table has
   * no foreign key to it: each statement first locks the repository row FOR KEY SHARE, as the key's
   * per-row check did, but once. If the row is gone nothing is written and bulkUpsert throws
   * REPO_NOT_REGISTERED; a deleteRepository that got there first has committed by then, and one that
   * comes later waits for this transaction before it deletes the repository's rows.
   */
  readonly lockRepository?: boolean;
}

/** What an upsert did: new rows, rows whose values changed, rows already identical. */
export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Rows per statement: large enough to amortise round trips, small enough to bound memory. */
export const BULK_CHUNK_ROWS = 5_000;

/**
 * Idempotent bulk upsert: `INSERT … SELECT unnest($1::type[]), unnest($2::type[]), … ON CONFLICT DO
 * UPDATE`. One array parameter per column, so a statement has as many bind parameters as columns
 * whatever the number of rows — far below PostgreSQL's 65,535 limit — and the plan is the same for
 * every chunk. Rows already identical are not rewritten (no dead tuples on idle re-crawls).
 * Duplicate keys within the input are collapsed (the last wins), as PostgreSQL refuses to touch one
 * row twice in a statement. Text values go through cleanText (no NUL, no lone surrogates).
 * Rows are arrays of values in `spec.columns` order.
 */
export async function bulkUpsert(
  db: Kysely<Database>,
  spec: BulkUpsertSpec,
  rows: readonly (readonly unknown[])[],
  chunkRows = BULK_CHUNK_ROWS,
): Promise<UpsertResult> {
  const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
  const plan = planOf(spec);
  const unique = dedupeByKey(plan.keyIndexes, rows);
  const repositoryId = spec.lockRepository ? soleRepositoryId(spec, unique) : undefined;
  for (let start = 0; start < unique.length; start += chunkRows) {
    const chunk = unique.length <= chunkRows ? unique : unique.slice(start, start + chunkRows);
    const parameters: unknown[] = spec.columns.map((column, index) =>
      arrayLiteral(chunk, index, column.type),
    );
    if (repositoryId !== undefined) parameters.push(repositoryId);
    const { rows: counted } = await db.executeQuery<{ inserted: number; written: number; locked?: number }>(
      CompiledQuery.raw(plan.statement, parameters),
    );
    const { inserted = 0, written = 0, locked } = counted[0] ?? {};
    if (repositoryId !== undefined && locked === 0) throw repositoryNotRegistered(repositoryId);
    result.inserted += inserted;
    result.updated += written - inserted;
    result.unchanged += chunk.length - written;
  }
  return result;
}

/** What a spec needs on every call: its statement text and where its key columns are. */
interface UpsertPlan {
  readonly statement: string;
  readonly keyIndexes: readonly number[];
}

/**
 * Plans by column list, then by the rest of the spec. The column lists are module constants of the
 * stores (the spec objects are not): a lookup is one WeakMap probe and a short JSON text, not the
 * JSON of every column on every call.
 */
const PLANS = new WeakMap<readonly BulkColumn[], Map<string, UpsertPlan>>();

function planOf(spec: BulkUpsertSpec): UpsertPlan {
  let byRest = PLANS.get(spec.columns);
  if (byRest === undefined) {
    byRest = new Map();
    PLANS.set(spec.columns, byRest);
  }
  const signature = JSON.stringify([
    spec.table,
    spec.key,
    spec.touch,
    spec.insertOnly,
    spec.mostlyUnchanged,
    spec.lockRepository,
  ]);
  let plan = byRest.get(signature);
  if (plan === undefined) {
    const keyIndexes = spec.key.map((name) => spec.columns.findIndex((c) => c.name === name));
    if (keyIndexes.some((i) => i < 0)) throw new Error(`bulkUpsert(${spec.table}): key not among columns`);
    plan = { statement: buildStatement(spec), keyIndexes };
    byRest.set(signature, plan);
  }
  return plan;
}

function buildStatement(spec: BulkUpsertSpec): string {
  const id = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const list = (names: readonly string[], format: (name: string) => string) => names.map(format).join(', ');
  const names = spec.columns.map((c) => c.name);
  const touch = spec.touch ?? [];
  const insertOnly = spec.insertOnly ?? [];
  const updatable = names.filter((name) => !spec.key.includes(name) && !insertOnly.includes(name));
  const table = id(spec.table);
  // unnest in the select list: a ProjectSet steps the arrays in lockstep, where `from unnest(a, b, …)`
  // would first copy every array into a tuplestore of its own (≈ 15% of a no-op upsert's CPU).
  const unnested = spec.columns
    .map((c, i) => `unnest($${i + 1}::${PARAMETER_TYPES[c.type]}[]) as ${id(c.name)}`)
    .join(', ');
  const converted = spec.columns.map((c) => `${CONVERSIONS[c.type](`r.${id(c.name)}`)} as ${id(c.name)}`);
  const assignments = [
    ...updatable.map((name) => `${id(name)} = excluded.${id(name)}`),
    ...touch.map((name) => `${id(name)} = now()`),
  ];
  const onConflict =
    updatable.length === 0
      ? 'do nothing'
      : `do update set ${assignments.join(', ')}
        where (${list(updatable, (n) => `${table}.${id(n)}`)}) is distinct from (${list(updatable, (n) => `excluded.${id(n)}`)})`;
  // A scalar subquery (not NOT EXISTS, which the planner turns into a hash anti join over the whole
  // table) probes the key index row by row. A row another transaction changes after our snapshot is
  // left to that writer, as if this statement had run first.
  const stored = `(select (${list(updatable, (n) => `e.${id(n)}`)}) is not distinct from (${list(updatable, (n) => `u.${id(n)}`)})
        from ${table} as e where ${spec.key.map((n) => `e.${id(n)} = u.${id(n)}`).join(' and ')})`;
  const conditions = [
    // An uncorrelated subquery: evaluated once, before the first row, so the lock comes first.
    ...(spec.lockRepository ? ['exists (select from repository_lock)'] : []),
    ...(spec.mostlyUnchanged && updatable.length > 0 ? [`${stored} is not true`] : []),
  ];
  const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
  const lock = spec.lockRepository
    ? `repository_lock as materialized (
    select id from repository where id = $${spec.columns.length + 1}::integer for key share),
    `
    : '';
  const locked = spec.lockRepository ? ', (select count(*) from repository_lock)::integer as locked' : '';
  // xmax = 0 only for rows this statement inserted (an updated row carries the updating xid). Counted
  // here: one row back instead of one per row written.
  return `with ${lock}written as (
    insert into ${table} (${list([...names, ...touch], id)})
    select ${list(names, (n) => `u.${id(n)}`)}${touch.map(() => ', now()').join('')}
      from (select ${converted.join(', ')} from (select ${unnested}) as r) as u
    ${where}
    on conflict (${list(spec.key, id)}) ${onConflict}
    returning (xmax = 0) as inserted)
    select (count(*) filter (where inserted))::integer as inserted, count(*)::integer as written${locked}
      from written`;
}

/** The repository_id all rows share (lockRepository locks one repository per statement). */
function soleRepositoryId(spec: BulkUpsertSpec, rows: readonly (readonly unknown[])[]): number | undefined {
  const index = spec.columns.findIndex((c) => c.name === 'repository_id');
  if (index < 0) throw new Error(`bulkUpsert(${spec.table}): lockRepository without a repository_id column`);
  const first = rows[0]?.[index];
  if (first === undefined) return undefined;
  for (const row of rows) {
    if (row[index] !== first) throw new Error(`bulkUpsert(${spec.table}): rows of several repositories`);
  }
  return Number(first);
}

/**
 * How each column type travels. Instants go as epoch milliseconds (cheaper to print here and to read
 * there than ISO text); a `text[]` value goes as its own array literal, one per row, cast back.
 */
const PARAMETER_TYPES: Record<BulkColumnType, string> = {
  text: 'text',
  bigint: 'bigint',
  integer: 'integer',
  smallint: 'smallint',
  boolean: 'boolean',
  timestamptz: 'bigint',
  'text[]': 'text',
};

const CONVERSIONS: Record<BulkColumnType, (column: string) => string> = {
  text: (c) => c,
  bigint: (c) => c,
  integer: (c) => c,
  smallint: (c) => c,
  boolean: (c) => c,
  // Whole hours and the milliseconds within the hour: exact integer arithmetic over the whole range
  // (`ms * interval '1 ms'` goes through a double and drifts by microseconds after year 4253), and
  // no days, whose addition would follow the session's time zone across DST changes.
  timestamptz: (c) =>
    `timestamptz 'epoch' + make_interval(hours => (${c} / 3600000)::integer, secs => (${c} % 3600000)::float8 / 1000)`,
  'text[]': (c) => `${c}::text[]`,
};

/** One element of an array literal: `NULL`, a number, `t`/`f` or a quoted string. */
type Encoder = (value: unknown) => string;

const NULL = 'NULL';

function clamped(min: number, max: number): Encoder {
  return (value) => {
    if (value === null || value === undefined) return NULL;
    const number = Number(value);
    // Hostile or absurd payloads must not fail a whole batch: clamp to the column's range.
    return Number.isFinite(number) ? String(Math.min(max, Math.max(min, Math.trunc(number)))) : NULL;
  };
}

const ENCODERS: Record<BulkColumnType, Encoder> = {
  text: (value) => (value === null || value === undefined ? NULL : quoted(String(value))),
  integer: clamped(-2_147_483_648, 2_147_483_647),
  smallint: clamped(-32_768, 32_767),
  bigint: (value) => {
    if (value === null || value === undefined) return NULL;
    const number = Number(value);
    return Number.isSafeInteger(number) ? String(number) : NULL;
  },
  boolean: (value) => (value === null || value === undefined ? NULL : value ? 't' : 'f'),
  timestamptz: (value) => {
    if (value === null || value === undefined) return NULL;
    const ms = (value instanceof Date ? value : new Date(String(value))).getTime();
    return Number.isNaN(ms) ? NULL : String(ms);
  },
  'text[]': (value) => {
    let literal = '{';
    if (Array.isArray(value)) {
      for (const element of value as unknown[]) {
        if (typeof element !== 'string') continue;
        literal += `${literal.length > 1 ? ',' : ''}${quoted(element)}`;
      }
    }
    return quoted(`${literal}}`);
  },
};

/**
 * PostgreSQL array literal of one column, built here rather than by the driver: the same text goes to
 * pg and PGlite, and it is several times cheaper than pg's generic array serialiser.
 */
function arrayLiteral(rows: readonly (readonly unknown[])[], index: number, type: BulkColumnType): string {
  if (type === 'text') {
    const plain = plainTexts(rows, index);
    // Quotes go in as the separator: one join instead of a quoted string per element (~40% less).
    if (plain) return plain.length === 0 ? '{}' : `{"${plain.join('","')}"}`;
  }
  const encode = ENCODERS[type];
  const elements = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) elements[i] = encode(rows[i]?.[index]);
  return `{${elements.join(',')}}`;
}

/** The column's values when every one is a string needing neither cleaning nor escapes, else undefined. */
function plainTexts(rows: readonly (readonly unknown[])[], index: number): string[] | undefined {
  const texts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]?.[index];
    if (typeof value !== 'string' || SPECIAL.test(value)) return undefined;
    texts[i] = value;
  }
  return texts;
}

/** A quoted array element; one scan finds the rare text needing cleanText or escapes. */
function quoted(text: string): string {
  if (!SPECIAL.test(text)) return `"${text}"`;
  const clean = cleanText(text);
  return `"${ESCAPE_NEEDED.test(clean) ? clean.replace(ESCAPE, '\\$&') : clean}"`;
}

// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const SPECIAL = /["\\\u0000\ud800-\udfff]/;
const ESCAPE_NEEDED = /["\\]/;
const ESCAPE = /["\\]/g;

/**
 * One row per key (the last wins), in key order: concurrent transactions upserting overlapping rows
 * (the same GitHub users seen by two repositories) then lock them in the same order and cannot deadlock.
 * The order is that of the key's one varying column — numerically for numbers, by UTF-16 code units
 * for the rest — when its other columns are the same in every row (repository_id in a batch of one
 * repository: every caller's case), else that of the key columns' texts joined.
 */
function dedupeByKey(
  keyIndexes: readonly number[],
  rows: readonly (readonly unknown[])[],
): (readonly unknown[])[] {
  const first = rows[0];
  if (first === undefined) return [];
  if (keyIndexes.length === 0) return dedupeByJoinedKey(keyIndexes, rows);
  const varying = keyIndexes[keyIndexes.length - 1] as number;
  const fixed = keyIndexes.slice(0, -1);
  const kind = typeof first[varying];
  let alike = kind === 'number' || kind === 'string';
  let ascending = true;
  let descending = true;
  let previous = first[varying] as number | string;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as readonly unknown[];
    for (const index of fixed) if (row[index] !== first[index]) return dedupeByJoinedKey(keyIndexes, rows);
    const key = row[varying];
    if (typeof key !== kind) alike = false;
    else if (i > 0) {
      ascending &&= (key as number | string) > previous;
      descending &&= (key as number | string) < previous;
      previous = key as number | string;
    }
  }
  // Pages often come in key order already (comments by id, user references): strictly monotonic
  // keys are unique and need neither a Map nor a sort.
  if (alike && ascending) return rows.slice();
  if (alike && descending) return rows.slice().reverse();
  const allNumbers = alike && kind === 'number';
  if (allNumbers) {
    const byNumber = new Map<number, readonly unknown[]>();
    for (const row of rows) byNumber.set(row[varying] as number, row);
    // A typed array sorts numerically without a comparator call per pair.
    const keys = Float64Array.from(byNumber.keys()).sort();
    const out = new Array<readonly unknown[]>(keys.length);
    for (let i = 0; i < keys.length; i++) out[i] = byNumber.get(keys[i] as number) ?? [];
    return out;
  }
  const byText = new Map<string, readonly unknown[]>();
  for (const row of rows) byText.set(String(row[varying]), row);
  // The default sort compares UTF-16 code units, as `<` does, without a comparator call per pair.
  return [...byText.keys()].sort().map((key) => byText.get(key) ?? []);
}

function dedupeByJoinedKey(
  keyIndexes: readonly number[],
  rows: readonly (readonly unknown[])[],
): (readonly unknown[])[] {
  const byKey = new Map<string, readonly unknown[]>();
  for (const row of rows) byKey.set(keyIndexes.map((i) => String(row[i])).join('\u0001'), row);
  return [...byKey.keys()].sort().map((key) => byKey.get(key) ?? []);
}
