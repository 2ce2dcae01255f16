import { upsertCrawlState } from '../store/crawl-state.store.js';
import { listUsersToRefresh, markUsersObserved, upsertUsers } from '../store/user.store.js';
import { beginEntity, finished } from './entity-run.js';
import { loadRepository } from './repo-ref.js';
import { userProfile, type UserProfileNode } from './rows/user.rows.js';
import type { Stage } from './stage.js';

/**
 * Profiles (location, company, email, blog, created-at — what geography reads) of every account
 * this repository's rows reference, fetched through GraphQL 100 logins per query (aliases; one point
 * each) when never fetched or older than the TTL. Bots are skipped. An account GitHub no longer
 * resolves by that login (renamed, deleted) is marked as looked-at, so it is not asked again before
 * the TTL.
 */
const BATCH = 100;
const PROFILE_FIELDS =
  'databaseId login name company websiteUrl location email bio twitterUsername createdAt updatedAt';

export const crawlUsersStage: Stage = async (deps, { repositoryId }) => {
  const { db, github, clock, settings } = deps;
  const { ref } = await loadRepository(db, repositoryId);
  await beginEntity(db, repositoryId, 'users');
  const startedAt = clock.now();
  const observedBefore = new Date(startedAt.getTime() - settings.userProfileTtlDays * 86_400_000);
  let rows = 0;
  let pages = 0;
  for (;;) {
    // Each batch marks its accounts observed, so the next call returns the next ones.
    const due = await listUsersToRefresh(db, { observedBefore, repositoryId, limit: BATCH });
    if (due.length === 0) break;
    const variables: Record<string, string> = {};
    const declarations: string[] = [];
    const selections: string[] = [];
    due.forEach((user, index) => {
      variables[`l${index}`] = user.login;
      declarations.push(`$l${index}: String!`);
      selections.push(`u${index}: user(login: $l${index}) { __typename ${PROFILE_FIELDS} }`);
    });
    const query = `query UserProfiles(${declarations.join(', ')}) {\n  ${selections.join('\n  ')}\n}`;
    const { data } = await github.graphql<Record<string, UserProfileNode | null>>(ref, query, variables);
    pages += 1;
    const observedAt = clock.now();
    const profiles = due
      .map((_, index) => data?.[`u${index}`])
      .filter((node): node is UserProfileNode => node !== null && node !== undefined)
      .map((node) => userProfile(node, settings, observedAt))
      .filter((p) => p !== undefined)
      .sort((a, b) => a.id - b.id);
    const fetched = new Set(profiles.map((p) => p.id));
    const unresolved = due.filter((u) => !fetched.has(u.id)).map((u) => u.id);
    await db.transaction().execute(async (trx) => {
      if (profiles.length > 0) await upsertUsers(trx, profiles);
      // Also covers an id whose login now belongs to another account (fetched under another id).
      await markUsersObserved(trx, unresolved, observedAt);
    });
    rows += profiles.length;
    // A short batch was all that was due (the repository's other stages have ended): no need to ask again.
    if (due.length < BATCH) break;
  }
  await upsertCrawlState(db, repositoryId, 'users', finished(clock.now()));
  return { stage: 'users', outcome: pages === 0 ? 'unchanged' : 'ok', rows, pages };
};
