import { isGitHubError } from '../github/github-error.js';
import { upsertCrawlState, type CrawlEntity } from '../store/crawl-state.store.js';
import type { RepoRef } from './adapters/github.port.js';
import { unseenItems, verifyCandidates, type Reconciler } from './reconcile.js';
import type { CrawlDeps } from './stage.js';

/**
 * After a complete full read: asks GitHub for each stored row the read did not see (up to
 * `reconcileVerifyLimit`), then deletes those answered 404/410 and records `reconciled_at` in one
 * transaction. Only rows inside what the read covered (`reachedUpTo`) are judged: a list sorted by
 * `updated` ascending covers up to the newest `updated_at` it saw, so one GitHub cuts short without a
 * 422 (its Link just ends early) does not look like mass deletion, and nothing seen judges nothing; a
 * list read whole covers what was created before the read began.
 */
export async function reconcileList(
  deps: CrawlDeps,
  ref: RepoRef,
  entity: CrawlEntity,
  reconciler: Reconciler,
  seen: ReadonlySet<number>,
  reachedUpTo: Date | null,
  watermark: Date | null,
  startedAt: Date,
): Promise<{ removed: number; kept: number; deferred: number }> {
  const { db, github, settings, logger } = deps;
  const candidates =
    reachedUpTo === null ? [] : unseenItems(await reconciler.listStored(db, reachedUpTo), seen);
  const checked = await verifyCandidates(
    candidates,
    settings.reconcileVerifyLimit,
    (item) => github.exists(ref, reconciler.itemRoute, item.params),
    (item, err) =>
      logger.warn(
        { repositoryId: ref.repositoryId, entity, githubId: item.githubId, err: describeFailure(err) },
        'reconciliation could not verify a deletion candidate; kept',
      ),
  );
  let gone = checked.gone;
  if (gone.length > 0) {
    // A repository deleted or made private meanwhile answers 404 for every item: delete only while
    // the repository itself still answers.
    const repositoryThere = await github.exists(ref, '/repos/{owner}/{repo}', {}).catch((err: unknown) => {
      logger.warn(
        { repositoryId: ref.repositoryId, entity, err: describeFailure(err) },
        'reconciliation could not confirm the repository; nothing deleted',
      );
      return false;
    });
    if (!repositoryThere) gone = [];
  }
  let removed = 0;
  await db.transaction().execute(async (trx) => {
    removed = await reconciler.deleteRows(trx, gone);
    await upsertCrawlState(trx, ref.repositoryId, entity, {
      watermarkAt: watermark,
      reconciledAt: startedAt,
    });
  });
  const kept = candidates.length - gone.length;
  if (checked.deferred > 0) {
    logger.warn(
      {
        repositoryId: ref.repositoryId,
        entity,
        deferred: checked.deferred,
        limit: settings.reconcileVerifyLimit,
      },
      'more deletion candidates than the verification limit; the rest wait for the next reconciliation',
    );
  }
  logger.info(
    {
      repositoryId: ref.repositoryId,
      entity,
      seen: seen.size,
      candidates: candidates.length,
      removed,
      live: checked.live.length,
      failed: checked.failed.length,
      deferred: checked.deferred,
    },
    'list reconciled with github',
  );
  return { removed, kept, deferred: checked.deferred };
}

function describeFailure(err: unknown): string {
  return isGitHubError(err)
    ? `${err.kind}: ${err.message}`
    : err instanceof Error
      ? err.message
      : String(err);
}
