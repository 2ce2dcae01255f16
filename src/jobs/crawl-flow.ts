import { Job, type FlowJob, type FlowJobNode } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { CRAWL_STAGES } from '../crawl/stages.js';
import { getRepository } from '../store/repository.store.js';
import type { CrawlRepositoryPayload, CrawlStagePayload } from './crawl-payloads.js';
import { credentialForRepository } from './credential-routing.js';
import { crawlJobId, stageJobId } from './job-ids.js';
import { REPOSITORY_JOB_OPTIONS, STAGE_JOB_OPTIONS } from './job-options.js';
import type { JobQueues } from './job-queues.js';
import { CRAWL_REPOSITORY_QUEUE, crawlStageQueue } from './queue-names.js';

/**
 * A repository crawl as a BullMQ flow. BullMQ runs children before their parent, so the stages are
 * nested in reverse dependency order: the metadata stage is the deepest child and runs first, users
 * run last, and the `crawl-repository` parent runs once every stage has ended.
 *
 *   crawl-repository (decides ok/partial/empty, then adds the analysis job: geography → score)
 *     └ users └ releases └ reviews └ comments └ issues └ contributors └ commits └ repository
 */
export function buildCrawlFlow(repositoryId: number, window: string, credential: string): FlowJob {
  let child: FlowJobNode | undefined;
  for (const { name: stage } of CRAWL_STAGES) {
    const data: CrawlStagePayload = { repositoryId, window, stage };
    const node = {
      name: stage,
      queueName: crawlStageQueue(credential),
      data,
      opts: { ...STAGE_JOB_OPTIONS, jobId: stageJobId(repositoryId, window, stage) },
    };
    child = child ? { ...node, children: [child] } : node;
  }
  const data: CrawlRepositoryPayload = { repositoryId, window };
  return {
    name: 'crawl',
    queueName: CRAWL_REPOSITORY_QUEUE,
    data,
    opts: { ...REPOSITORY_JOB_OPTIONS, jobId: crawlJobId(repositoryId, window) },
    children: child ? [child] : [],
  };
}

export interface EnqueuedCrawl {
  readonly repositoryId: number;
  readonly jobId: string;
  /** False when a crawl of this repository and window was already queued (a no-op). */
  readonly added: boolean;
}

/** Enqueues the crawl of each repository for `window`, each on its pinned credential's queue. */
export async function enqueueCrawls(
  db: Kysely<Database>,
  queues: JobQueues,
  repositoryIds: readonly number[],
  window: string,
  fingerprints: readonly string[],
): Promise<EnqueuedCrawl[]> {
  const parents = queues.queue(CRAWL_REPOSITORY_QUEUE);
  const enqueued: EnqueuedCrawl[] = [];
  for (const repositoryId of repositoryIds) {
    const jobId = crawlJobId(repositoryId, window);
    // Deterministic ids make a second add of the same window a no-op; checking first also keeps a
    // finished flow's children from being added again under its kept parent.
    if (await Job.fromId(parents, jobId)) {
      enqueued.push({ repositoryId, jobId, added: false });
      continue;
    }
    const repository = await getRepository(db, repositoryId);
    const credential = credentialForRepository(repository, fingerprints);
    await queues.flows.add(buildCrawlFlow(repositoryId, window, credential));
    enqueued.push({ repositoryId, jobId, added: true });
  }
  return enqueued;
}
