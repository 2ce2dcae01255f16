import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../schema/database.js';
import { cleanText } from './clean-text.js';

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
}

/** What an upsert did: new rows, rows whose values changed, rows already identical. */
export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Rows per statement: large enough to amortise round trips, small enough to bound memory. */
export const BULK_CHUNK_ROWS = 5_000;

const INT_RANGES: Partial<Record<BulkColumnType, readonly [number, number]>> = {
  integer: [-2_147_483_648, 2_147_483_647],
  smallint: [-32_768, 32_767],
};

/**
 * Idempotent bulk upsert: `INSERT … SELECT FROM unnest($1::type[], $2::type[], …) ON CONFLICT DO
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
  const unique = dedupeByKey(spec, rows);
  for (let start = 0; start < unique.length; start += chunkRows) {
    const chunk = unique.slice(start, start + chunkRows);
    const returned = await upsertStatement(spec, chunk).execute(db);
    const inserted = returned.rows.filter((r) => r.inserted).length;
    result.inserted += inserted;
    result.updated += returned.rows.length - inserted;
    result.unchanged += chunk.length - returned.rows.length;
  }
  return result;
}

function upsertStatement(
  spec: BulkUpsertSpec,
  rows: readonly (readonly unknown[])[],
): RawBuilder<{ inserted: boolean }> {
  const columns = spec.columns;
  const names = columns.map((c) => sql.id(c.name));
  const touch = spec.touch ?? [];
  const arrays = columns.map(
    (column, index) =>
      sql`${sql.val(arrayLiteral(rows.map((row) => normalize(column.type, row[index]))))}::${sql.raw(arrayParamType(column.type))}`,
  );
  const selected = columns.map((column) =>
    column.type === 'text[]'
      ? sql`coalesce(array(select jsonb_array_elements_text(u.${sql.id(column.name)}::jsonb)), '{}'::text[])`
      : sql`u.${sql.id(column.name)}`,
  );
  const updatable = columns
    .map((c) => c.name)
    .filter((name) => !spec.key.includes(name) && !(spec.insertOnly ?? []).includes(name));
  const table = sql.table(spec.table);
  const insertColumns = [...names, ...touch.map((name) => sql.id(name))];
  const insertValues = [...selected, ...touch.map(() => sql`now()`)];
  const assignments = [
    ...updatable.map((name) => sql`${sql.id(name)} = excluded.${sql.id(name)}`),
    ...touch.map((name) => sql`${sql.id(name)} = now()`),
  ];
  const current = sql.join(updatable.map((name) => sql`${table}.${sql.id(name)}`));
  const incoming = sql.join(updatable.map((name) => sql`excluded.${sql.id(name)}`));
  const onConflict =
    updatable.length === 0
      ? sql`do nothing`
      : sql`do update set ${sql.join(assignments)} where (${current}) is distinct from (${incoming})`;
  // xmax = 0 only for rows this statement inserted (an updated row carries the updating xid).
  return sql<{ inserted: boolean }>`
    insert into ${table} (${sql.join(insertColumns)})
    select ${sql.join(insertValues)} from unnest(${sql.join(arrays)}) as u(${sql.join(names)})
    on conflict (${sql.join(spec.key.map((name) => sql.id(name)))}) ${onConflict}
    returning (xmax = 0) as inserted`;
}

/** Array parameters: `text[]` columns travel as JSON text per row (unnest flattens 2-D arrays). */
function arrayParamType(type: BulkColumnType): string {
  return type === 'text[]' ? 'text[]' : `${type}[]`;
}

/**
 * PostgreSQL array literal of normalised values, built here rather than by the driver: the same text
 * goes to pg and PGlite, and it is several times cheaper than pg's generic array serialiser.
 */
function arrayLiteral(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) parts[i] = 'NULL';
    else if (typeof value === 'string')
      parts[i] = `"${ESCAPE_NEEDED.test(value) ? value.replace(ESCAPE, '\\$&') : value}"`;
    else parts[i] = String(value);
  }
  return `{${parts.join(',')}}`;
}

const ESCAPE_NEEDED = /["\\]/;
const ESCAPE = /["\\]/g;

function normalize(type: BulkColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return type === 'text[]' ? '[]' : null;
  switch (type) {
    case 'text':
      return typeof value === 'string' ? cleanText(value) : String(value);
    case 'integer':
    case 'smallint': {
      const [min, max] = INT_RANGES[type] ?? [0, 0];
      const number = Number(value);
      // Hostile or absurd payloads must not fail a whole batch: clamp to the column's range.
      return Number.isFinite(number) ? Math.min(max, Math.max(min, Math.trunc(number))) : null;
    }
    case 'bigint': {
      const number = Number(value);
      return Number.isSafeInteger(number) ? number : null;
    }
    case 'boolean':
      return Boolean(value);
    case 'timestamptz':
      return toTimestamp(value);
    case 'text[]':
      return JSON.stringify(
        (Array.isArray(value) ? value : []).filter((v) => typeof v === 'string').map(cleanText),
      );
  }
}

function toTimestamp(value: unknown): string | null {
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * One row per key (the last wins), in key order: concurrent transactions upserting overlapping rows
 * (the same GitHub users seen by two repositories) then lock them in the same order and cannot deadlock.
 */
function dedupeByKey(spec: BulkUpsertSpec, rows: readonly (readonly unknown[])[]): (readonly unknown[])[] {
  const keyIndexes = spec.key.map((name) => spec.columns.findIndex((c) => c.name === name));
  if (keyIndexes.some((i) => i < 0)) throw new Error(`bulkUpsert(${spec.table}): key not among columns`);
  const byKey = new Map<string, readonly unknown[]>();
  for (const row of rows) {
    const key =
      keyIndexes.length === 1
        ? String(row[keyIndexes[0] ?? 0])
        : keyIndexes.map((i) => String(row[i])).join('\u0001');
    byKey.set(key, row);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
