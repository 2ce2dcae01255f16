import type { SurrogateId, TimestampDefaultNow } from './column-types.js';

/** A named set of repositories (an operator's portfolio); names are unique case-insensitively. */
export interface PortfolioTable {
  id: SurrogateId;
  name: string;
  created_at: TimestampDefaultNow;
}

export interface PortfolioRepositoryTable {
  portfolio_id: number;
  repository_id: number;
  added_at: TimestampDefaultNow;
}
