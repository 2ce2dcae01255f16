import type { Kysely } from 'kysely';
import type { GeoMode } from '../config/load-config.js';
import type { Database } from '../schema/database.js';
import type { CrawlDeps } from '../src/crawl/stage.js';
import type { JobQueues } from '../src/jobs/job-queues.js';
import type { Logger } from '../src/shared/logger.js';

/** What the processors of one worker process share (built once by start-workers.ts). */
export interface WorkerDeps {
  readonly db: Kysely<Database>;
  /** The crawler's dependencies: the GitHub client here spends the one shared Redis budget. */
  readonly crawl: CrawlDeps;
  readonly queues: JobQueues;
  /** Credentials crawls are routed by (fingerprints only). */
  readonly fingerprints: readonly string[];
  /** Geography definition of the stored aggregates and scores (config VITALS_GEO_MODE). */
  readonly geoMode: GeoMode;
  readonly logger: Logger;
}
