import { sql, type RawBuilder } from 'kysely';

/*
 * Person identity for geography, the same rules as the scoring store (src/store/score-input.store.ts),
 * so a person is one person everywhere:
 * - a linked account → its current login, lower-cased (by user id: a renamed login stays one person),
 *   else the login recorded on the row;
 * - commits without an account: a GitHub noreply address carries the login
 *   (`12345+login@users.noreply.github.com`), else `email:` + the lower-cased address;
 * - nothing at all (deleted account, "ghost") → `ghost`.
 * Rows are expected as `<rowAlias>.author_user_id`, `.author_login`, `.author_email` (null for
 * discussion rows), with the account lateral-joined as `u` (see userLateral).
 */

const NOREPLY_PATTERN = '^(?:[0-9]+\\+)?([^@]+)@users\\.noreply\\.github\\.com$';

/** The key a person's geography is stored under (see above). */
export function personKey(rowAlias: string): RawBuilder<string> {
  const login = sql.ref(`${rowAlias}.author_login`);
  const email = sql`lower(nullif(btrim(${sql.ref(`${rowAlias}.author_email`)}), ''))`;
  return sql<string>`coalesce(
    lower(coalesce(u.login, nullif(${login}, ''))),
    substring(${email} from ${NOREPLY_PATTERN}),
    'email:' || ${email},
    'ghost')`;
}

/** Bots by the account's flag (type Bot, App accounts, configured list) or a `[bot]` login suffix. */
export function personIsBot(rowAlias: string): RawBuilder<boolean> {
  return sql<boolean>`(coalesce(u.is_bot, false) or ${personKey(rowAlias)} like '%[bot]')`;
}

/** The account of each row, by primary key (a lateral join, so github_user is never hashed whole). */
export function userLateral(rowAlias: string): RawBuilder<unknown> {
  // `limit 1` keeps the planner from flattening the subquery back into a join.
  return sql.raw(
    `left join lateral (select login, is_bot from github_user where id = ${rowAlias}.author_user_id limit 1) u on true`,
  );
}
