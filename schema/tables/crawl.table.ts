import type { ColumnType } from 'kysely';
import type { Timestamp, TimestampDefaultNow } from './column-types.js';

export type CrawlStatus = 'idle' | 'running' | 'ok' | 'failed';

/**
 * Progress of one crawl entity ('repo', 'commits', 'issues', ...) of one repository. The crawler
 * writes it in the same transaction as the rows it covers, so a watermark never runs ahead of data.
 */
export interface CrawlStateTable {
  repository_id: number;
  entity: string;
  watermark_at: Timestamp | null;
  /** Entity-specific resume point, e.g. the newest known commit SHA. */
  cursor: string | null;
  status: ColumnType<CrawlStatus, CrawlStatus | undefined, CrawlStatus>;
  last_error: string | null;
  last_success_at: Timestamp | null;
  next_due_at: Timestamp | null;
  /** When the list was last read in full and rows deleted on GitHub removed (null = never). */
  reconciled_at: Timestamp | null;
  updated_at: TimestampDefaultNow;
}

/**
 * Validators for conditional requests. GitHub ties an ETag to the token that got it, so the key is
 * (credential fingerprint, URL). `repository_id` (optional) lets removing a repository drop its entries.
 */
export interface HttpCacheTable {
  credential_fingerprint: string;
  url: string;
  repository_id: number | null;
  etag: string | null;
  last_modified: string | null;
  updated_at: TimestampDefaultNow;
}
