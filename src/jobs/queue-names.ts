/**
 * BullMQ queues of OSS Vitals (names without ':', BullMQ's key separator).
 * - `crawl-repository`: one parent job per repository crawl; it runs after its stages and decides
 *   the repository's crawl state (then, later, score → alerts).
 * - `crawl-stage-<fingerprint>`: the stage jobs of repositories pinned to that credential. One queue
 *   per credential lets a worker pause exactly the exhausted credential (`worker.rateLimit`) while
 *   the others keep going.
 * - `crawl-schedule`: jobs fired by the BullMQ job schedulers that mirror the `schedule` table.
 * - `analyse-repository`: geography then a score snapshot of one repository, added by its
 *   `crawl-repository` job at the end of the crawl (no GitHub calls: off the credential queues).
 */
export const CRAWL_REPOSITORY_QUEUE = 'crawl-repository';
export const CRAWL_SCHEDULE_QUEUE = 'crawl-schedule';
export const ANALYSE_REPOSITORY_QUEUE = 'analyse-repository';
const CRAWL_STAGE_QUEUE_PREFIX = 'crawl-stage-';

export function crawlStageQueue(credentialFingerprint: string): string {
  return `${CRAWL_STAGE_QUEUE_PREFIX}${credentialFingerprint}`;
}

/** Every queue of a deployment whose stage queues serve these credentials, in flow order. */
export function deploymentQueues(credentialFingerprints: readonly string[]): string[] {
  return [
    CRAWL_REPOSITORY_QUEUE,
    ...credentialFingerprints.map(crawlStageQueue),
    ANALYSE_REPOSITORY_QUEUE,
    CRAWL_SCHEDULE_QUEUE,
  ];
}

export function isCrawlStageQueue(name: string): boolean {
  return name.startsWith(CRAWL_STAGE_QUEUE_PREFIX);
}

/** Worker roles selectable with `vitals worker --queues`. */
export const WORKER_ROLES = ['crawl', 'analyse', 'schedule'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];
