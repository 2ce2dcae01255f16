import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { GeoMode, GeoSignal, Region } from '../geo/geo.types.js';

/** One person's stored inference (see schema/tables/geography.table.ts). */
export interface GeoPerson {
  key: string;
  userId: number | null;
  login: string | null;
  country: string | null;
  countryConfidence: number | null;
  /** Region and confidence under the `mainland` mode. */
  region: Region;
  confidence: number;
  conflict: boolean;
  regions: Record<GeoMode, Region>;
  signals: GeoSignal[];
  overrideCountry: string | null;
  inputHash: string;
  inferredAt: Date;
}

/** The input hash stored for each of these keys (absent: never inferred). */
export async function listGeoInputHashes(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const { rows } = await sql<{ person_key: string; input_hash: string }>`
    select person_key, input_hash from geo_person where person_key = any(${[...keys]}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.person_key, r.input_hash]));
}

/** Writes inferences (replacing earlier ones of the same people). */
export async function upsertGeoPeople(
  db: Kysely<Database>,
  people: readonly Omit<GeoPerson, 'inferredAt'>[],
  inferredAt: Date,
): Promise<void> {
  const CHUNK = 500;
  for (let start = 0; start < people.length; start += CHUNK) {
    const chunk = people.slice(start, start + CHUNK);
    await db
      .insertInto('geo_person')
      .values(
        chunk.map((p) => ({
          person_key: p.key,
          user_id: p.userId,
          login: p.login,
          country: p.country,
          country_confidence: p.countryConfidence,
          region: p.region,
          confidence: p.confidence,
          conflict: p.conflict,
          regions: JSON.stringify(p.regions),
          signals: JSON.stringify(p.signals),
          override_country: p.overrideCountry,
          input_hash: p.inputHash,
          inferred_at: inferredAt,
        })),
      )
      .onConflict((oc) =>
        oc.column('person_key').doUpdateSet((eb) => ({
          user_id: eb.ref('excluded.user_id'),
          login: eb.ref('excluded.login'),
          country: eb.ref('excluded.country'),
          country_confidence: eb.ref('excluded.country_confidence'),
          region: eb.ref('excluded.region'),
          confidence: eb.ref('excluded.confidence'),
          conflict: eb.ref('excluded.conflict'),
          regions: eb.ref('excluded.regions'),
          signals: eb.ref('excluded.signals'),
          override_country: eb.ref('excluded.override_country'),
          input_hash: eb.ref('excluded.input_hash'),
          inferred_at: eb.ref('excluded.inferred_at'),
        })),
      )
      .execute();
  }
}

/**
 * The stored inference of a person named by login (current or as recorded) or by `email:` key.
 * A login finds the account's row by user id too, so a renamed login still finds its person.
 */
export async function findGeoPerson(db: Kysely<Database>, subject: string): Promise<GeoPerson | undefined> {
  const key = subject.trim().toLowerCase();
  const row = await db
    .selectFrom('geo_person')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('person_key', '=', key),
        eb(
          'user_id',
          'in',
          eb
            .selectFrom('github_user')
            .select('id')
            .where(sql<string>`lower(login)`, '=', key),
        ),
      ]),
    )
    .orderBy(sql`person_key = ${key}`, 'desc')
    .orderBy('inferred_at', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    key: row.person_key,
    userId: row.user_id === null ? null : Number(row.user_id),
    login: row.login,
    country: row.country,
    countryConfidence: row.country_confidence,
    region: row.region,
    confidence: row.confidence,
    conflict: row.conflict,
    regions: row.regions as Record<GeoMode, Region>,
    signals: row.signals as GeoSignal[],
    overrideCountry: row.override_country,
    inputHash: row.input_hash,
    inferredAt: row.inferred_at,
  };
}
