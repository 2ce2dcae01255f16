import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';

/** An operator's correction of one person's country (design §5: audited, wins, survives re-crawls). */
export interface GeoOverride {
  /** Lower-cased login, or `email:` + address. */
  subjectKey: string;
  userId: number | null;
  country: string;
  reason: string;
  setBy: string;
  setAt: Date;
}

export interface GeoOverrideAuditEntry {
  subjectKey: string;
  userId: number | null;
  action: 'set' | 'clear';
  country: string | null;
  previousCountry: string | null;
  reason: string;
  actor: string;
  at: Date;
}

export interface GeoOverrideChange {
  subjectKey: string;
  userId: number | null;
  /** null clears the override. */
  country: string | null;
  reason: string;
  actor: string;
}

/** The account id of a login as stored (the override then follows the account through renames). */
export async function findUserIdByLogin(db: Kysely<Database>, login: string): Promise<number | null> {
  const row = await db
    .selectFrom('github_user')
    .select('id')
    .where(sql<string>`lower(login)`, '=', login.toLowerCase())
    .orderBy(sql`observed_at desc nulls last`)
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/**
 * Sets or clears an override and appends the audit entry in one transaction. Returns the previous
 * country (null when there was none).
 */
export async function changeGeoOverride(
  db: Kysely<Database>,
  change: GeoOverrideChange,
): Promise<{ previousCountry: string | null }> {
  const at = new Date();
  return db.transaction().execute(async (tx) => {
    const previous = await tx
      .selectFrom('geo_override')
      .select('country')
      .where('subject_key', '=', change.subjectKey)
      .forUpdate()
      .executeTakeFirst();
    if (change.country === null) {
      await tx.deleteFrom('geo_override').where('subject_key', '=', change.subjectKey).execute();
    } else {
      const row = {
        subject_key: change.subjectKey,
        user_id: change.userId,
        country: change.country,
        reason: change.reason,
        set_by: change.actor,
        set_at: at,
      };
      await tx
        .insertInto('geo_override')
        .values(row)
        .onConflict((oc) => oc.column('subject_key').doUpdateSet(row))
        .execute();
    }
    await tx
      .insertInto('geo_override_audit')
      .values({
        subject_key: change.subjectKey,
        user_id: change.userId,
        action: change.country === null ? 'clear' : 'set',
        country: change.country,
        previous_country: previous?.country ?? null,
        reason: change.reason,
        actor: change.actor,
        at,
      })
      .execute();
    return { previousCountry: previous?.country ?? null };
  });
}

/** Every override in effect (a small table: operators write it by hand). */
export async function listGeoOverrides(db: Kysely<Database>): Promise<GeoOverride[]> {
  const rows = await db.selectFrom('geo_override').selectAll().orderBy('subject_key').execute();
  return rows.map((r) => ({
    subjectKey: r.subject_key,
    userId: r.user_id === null ? null : Number(r.user_id),
    country: r.country,
    reason: r.reason,
    setBy: r.set_by,
    setAt: r.set_at,
  }));
}

/** The audit trail of one subject (by key, or by account id when known), oldest first. */
export async function listGeoOverrideAudit(
  db: Kysely<Database>,
  subjectKey: string,
  userId: number | null,
): Promise<GeoOverrideAuditEntry[]> {
  const rows = await db
    .selectFrom('geo_override_audit')
    .selectAll()
    .where((eb) =>
      userId === null
        ? eb('subject_key', '=', subjectKey)
        : eb.or([eb('subject_key', '=', subjectKey), eb('user_id', '=', userId)]),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    subjectKey: r.subject_key,
    userId: r.user_id === null ? null : Number(r.user_id),
    action: r.action,
    country: r.country,
    previousCountry: r.previous_country,
    reason: r.reason,
    actor: r.actor,
    at: r.at,
  }));
}
