import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { VitalsError } from '../shared/errors.js';
import { cleanText } from './clean-text.js';

export interface Portfolio {
  id: number;
  name: string;
  createdAt: Date;
}

export interface PortfolioSummary extends Portfolio {
  repositoryCount: number;
}

/** The portfolio named `name` (case-insensitive), created if missing. */
export async function upsertPortfolio(db: Kysely<Database>, name: string): Promise<Portfolio> {
  const clean = cleanText(name).trim();
  if (clean.length === 0 || clean.length > 200) {
    throw new VitalsError('INPUT_INVALID', 'A portfolio name must have 1 to 200 characters', { name });
  }
  await db
    .insertInto('portfolio')
    .values({ name: clean })
    .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
    .execute();
  const found = await findPortfolioByName(db, clean);
  if (!found) throw new VitalsError('INTERNAL', `Portfolio ${clean} vanished after its upsert`);
  return found;
}

export async function findPortfolioByName(
  db: Kysely<Database>,
  name: string,
): Promise<Portfolio | undefined> {
  const row = await db
    .selectFrom('portfolio')
    .selectAll()
    .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}

/** The portfolio named `name`; INPUT_INVALID (exit 2) if there is none. */
export async function getPortfolioByName(db: Kysely<Database>, name: string): Promise<Portfolio> {
  const found = await findPortfolioByName(db, name);
  if (!found)
    throw new VitalsError('INPUT_INVALID', `There is no portfolio named ${JSON.stringify(name)}`, { name });
  return found;
}

export async function listPortfolios(db: Kysely<Database>): Promise<PortfolioSummary[]> {
  const rows = await db
    .selectFrom('portfolio')
    .leftJoin('portfolio_repository', 'portfolio_repository.portfolio_id', 'portfolio.id')
    .select(['portfolio.id', 'portfolio.name', 'portfolio.created_at'])
    .select((eb) => eb.fn.count<number>('portfolio_repository.repository_id').as('repository_count'))
    .groupBy(['portfolio.id', 'portfolio.name', 'portfolio.created_at'])
    .orderBy(sql`lower(portfolio.name)`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    repositoryCount: Number(r.repository_count),
  }));
}

/** Adds repositories to a portfolio; members already in it are left alone. Returns how many were new. */
export async function upsertPortfolioMembers(
  db: Kysely<Database>,
  portfolioId: number,
  repositoryIds: readonly number[],
): Promise<number> {
  if (repositoryIds.length === 0) return 0;
  const result = await db
    .insertInto('portfolio_repository')
    .values(
      [...new Set(repositoryIds)].map((repository_id) => ({ portfolio_id: portfolioId, repository_id })),
    )
    .onConflict((oc) => oc.columns(['portfolio_id', 'repository_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function deletePortfolioMembers(
  db: Kysely<Database>,
  portfolioId: number,
  repositoryIds: readonly number[],
): Promise<number> {
  if (repositoryIds.length === 0) return 0;
  const result = await db
    .deleteFrom('portfolio_repository')
    .where('portfolio_id', '=', portfolioId)
    .where('repository_id', 'in', [...repositoryIds])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes a portfolio (its repositories stay registered). */
export async function deletePortfolio(db: Kysely<Database>, portfolioId: number): Promise<boolean> {
  const result = await db.deleteFrom('portfolio').where('id', '=', portfolioId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Portfolio names of each repository (repositories in none are absent from the map). */
export async function listPortfolioNamesByRepository(
  db: Kysely<Database>,
  repositoryIds?: readonly number[],
): Promise<Map<number, string[]>> {
  let query = db
    .selectFrom('portfolio_repository')
    .innerJoin('portfolio', 'portfolio.id', 'portfolio_repository.portfolio_id')
    .select(['portfolio_repository.repository_id', 'portfolio.name'])
    .orderBy(sql`lower(portfolio.name)`);
  if (repositoryIds !== undefined) {
    if (repositoryIds.length === 0) return new Map();
    query = query.where('portfolio_repository.repository_id', 'in', [...repositoryIds]);
  }
  const out = new Map<number, string[]>();
  for (const row of await query.execute()) {
    const names = out.get(row.repository_id) ?? [];
    names.push(row.name);
    out.set(row.repository_id, names);
  }
  return out;
}
