import type { Kysely } from 'kysely';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../schema/database.js';
import type { CrawlSummary, RepositoryCrawlSummary, StageFailure } from '../crawl/run-crawl.js';
import type { StageName } from '../crawl/stage.js';
import { enqueueCrawls } from '../jobs/crawl-flow.js';
import { windowOf } from '../jobs/crawl-payloads.js';
import { routingFingerprints } from '../jobs/credential-routing.js';
import { followCrawlFlows } from '../jobs/follow-crawl.js';
import { analyseJobId } from '../jobs/job-ids.js';
import { ANALYSE_REPOSITORY_QUEUE } from '../jobs/queue-names.js';
import { withJobQueues } from '../runtime/redis.js';
import type { Logger } from '../shared/logger.js';
import { getRepository } from '../store/repository.store.js';

interface ParentResult {
  repositoryId: number;
  fullName: string;
  state: RepositoryCrawlSummary['state'];
  reason: string | null;
  stages: RepositoryCrawlSummary['stages'];
}

/**
 * `vitals crawl` with REDIS_URL (design §2 distributed mode): enqueues one crawl flow per
 * repository for workers to run. With `wait`, follows the flows until each finished and answers a
 * summary shaped like the in-process crawl's; without, answers undefined once enqueued.
 */
export async function crawlQueued(
  config: Config,
  db: Kysely<Database>,
  logger: Logger,
  repositoryIds: readonly number[],
  options: { wait: boolean; signal?: AbortSignal },
): Promise<CrawlSummary | undefined> {
  const started = Date.now();
  return withJobQueues(config, logger, async (queues) => {
    const fingerprints = await routingFingerprints(queues.connection, queues.prefix, config);
    const window = windowOf(new Date());
    const enqueued = await enqueueCrawls(db, queues, repositoryIds, window, fingerprints);
    const added = enqueued.filter((e) => e.added).length;
    process.stderr.write(
      `vitals: queued ${added} crawl${added === 1 ? '' : 's'}` +
        (added < enqueued.length ? ` (${enqueued.length - added} already queued this minute)` : '') +
        ` for \`vitals worker\`\n`,
    );
    if (!options.wait) return undefined;
    const finished = await followCrawlFlows<ParentResult>(
      queues,
      enqueued.map((e) => e.jobId),
      {
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: ({ done, total }) =>
          process.stderr.write(`vitals: ${done}/${total} repositories crawled\n`),
      },
    );
    // Each crawl job added its analysis (geography, score) before completing; a crawl that failed
    // added none, which counts as finished here (job not in Redis).
    await followCrawlFlows(
      queues,
      enqueued.map((e) => analyseJobId(e.repositoryId, window)),
      {
        queueName: ANALYSE_REPOSITORY_QUEUE,
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: ({ done, total }) =>
          process.stderr.write(`vitals: ${done}/${total} repositories scored\n`),
      },
    );
    const repositories = await Promise.all(
      finished.map(async (f, i): Promise<RepositoryCrawlSummary> => {
        const repositoryId = enqueued[i]?.repositoryId ?? 0;
        if (f.result)
          return { ...f.result, failures: failuresOf(f.result.reason, f.result.state), durationMs: 0 };
        const repository = await getRepository(db, repositoryId);
        return {
          repositoryId,
          fullName: repository.fullName,
          state: 'partial',
          stages: [],
          failures: [{ stage: 'repository', code: 'INTERNAL', message: f.failedReason ?? 'failed' }],
          durationMs: 0,
        };
      }),
    );
    return {
      repositories,
      completed: repositories.every((r) => r.state !== 'partial'),
      durationMs: Date.now() - started,
    };
  });
}

/** `entity: CODE: message; …` (the reason the crawl-repository job recorded) → failures. */
function failuresOf(reason: string | null, state: string): StageFailure[] {
  if (state !== 'partial' || !reason) return [];
  return reason.split('; ').map((part) => {
    const [entity = '', code = 'INTERNAL', ...rest] = part.split(': ');
    const stage = (entity === 'repo' ? 'repository' : entity) as StageName;
    return { stage, code, message: rest.join(': ') };
  });
}
