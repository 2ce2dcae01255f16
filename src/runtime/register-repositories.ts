import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { upsertPortfolio, upsertPortfolioMembers } from '../store/portfolio.store.js';
import {
  registerRepositories,
  type RegisterResult,
  type RepositoryToRegister,
} from '../store/repository.store.js';

export interface Registration extends RegisterResult {
  /** The portfolio they were put in (its stored spelling), or null. */
  portfolio: string | null;
}

/**
 * `vitals repo add` by name or by owner: registers the names and, with `portfolio`, puts every one of
 * them (new and already registered) in that portfolio, created if missing — all in one transaction.
 */
export async function registerWithPortfolio(
  db: Kysely<Database>,
  names: readonly RepositoryToRegister[],
  portfolio: string | undefined,
): Promise<Registration> {
  return db.transaction().execute(async (trx) => {
    const registered = await registerRepositories(trx, names);
    if (portfolio === undefined) return { ...registered, portfolio: null };
    const stored = await upsertPortfolio(trx, portfolio);
    const all = [...registered.added, ...registered.existing].map((r) => r.id);
    await upsertPortfolioMembers(trx, stored.id, all);
    return { ...registered, portfolio: stored.name };
  });
}
