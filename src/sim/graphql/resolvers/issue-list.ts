import { connection, pageSizeOf } from '../connection.js';
import { keysetPage } from '../keyset-page.js';
import { commentsOf } from '../world-lookups.js';
import type { SimIssue, SimRepo, World } from '../../world.js';
import { rejectArgs } from './unsupported-args.js';

/**
 * `Repository.issues` and `Repository.pullRequests`: filter, sort by `orderBy` (default
 * CREATED_AT ASC, i.e. by number), then keyset-paginate so pages hold still while the world moves.
 */
interface IssueOrder {
  field: 'CREATED_AT' | 'UPDATED_AT' | 'COMMENTS';
  direction: 'ASC' | 'DESC';
}

export function issueConnection(_world: World, repo: SimRepo, args: Record<string, unknown>): unknown {
  rejectArgs('Repository.issues', args, ['first', 'after', 'orderBy', 'filterBy', 'states', 'labels']);
  const filterBy = (args['filterBy'] ?? {}) as Record<string, unknown>;
  rejectArgs('Repository.issues(filterBy)', filterBy, ['since', 'states', 'labels'], {
    viewerSubscribed: false,
  });
  const states = (args['states'] ?? filterBy['states']) as string[] | null | undefined;
  const labels = (args['labels'] ?? filterBy['labels']) as string[] | null | undefined;
  const sinceMs = filterBy['since'] ? Date.parse(filterBy['since'] as string) : -Infinity;
  const selected = repo.issues.filter(
    (issue) =>
      issue.pullRequest === null &&
      (!states || states.includes(issue.state.toUpperCase())) &&
      (!labels || labels.some((l) => issue.labels.includes(l))) &&
      (sinceMs === -Infinity || Date.parse(issue.updatedAt) >= sinceMs),
  );
  return sortedPage('IssueConnection', 'Issue', repo, selected, args);
}

export function pullRequestConnection(_world: World, repo: SimRepo, args: Record<string, unknown>): unknown {
  rejectArgs('Repository.pullRequests', args, [
    'first',
    'after',
    'orderBy',
    'states',
    'labels',
    'baseRefName',
    'headRefName',
  ]);
  const states = args['states'] as string[] | null | undefined;
  const labels = args['labels'] as string[] | null | undefined;
  const base = args['baseRefName'] as string | null | undefined;
  const head = args['headRefName'] as string | null | undefined;
  const selected = repo.issues.filter((issue) => {
    const pr = issue.pullRequest;
    if (!pr) return false;
    return (
      (!states || states.includes(pullRequestState(issue))) &&
      (!labels || labels.some((l) => issue.labels.includes(l))) &&
      (!base || pr.baseRef === base) &&
      (!head || pr.headRef === head)
    );
  });
  return sortedPage('PullRequestConnection', 'PullRequest', repo, selected, args);
}

export function pullRequestState(issue: SimIssue): 'OPEN' | 'CLOSED' | 'MERGED' {
  if (issue.pullRequest?.merged) return 'MERGED';
  return issue.state === 'open' ? 'OPEN' : 'CLOSED';
}

function sortedPage(
  connectionType: string,
  nodeType: 'Issue' | 'PullRequest',
  repo: SimRepo,
  selected: SimIssue[],
  args: Record<string, unknown>,
): unknown {
  const order = (args['orderBy'] ?? { field: 'CREATED_AT', direction: 'ASC' }) as IssueOrder;
  const keyOf = sortKey(repo, order.field);
  const descending = order.direction === 'DESC';
  const sign = descending ? -1 : 1;
  const compare = (a: SimIssue, b: SimIssue): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return (a.number - b.number) * sign;
  };
  // The world keeps issues ascending by number (= creation order): usually no sort is needed.
  const sorted = descending ? [...selected].reverse() : selected;
  if (!isSorted(sorted, compare)) sorted.sort(compare);
  const page = keysetPage({
    sorted,
    keyOf,
    idOf: (issue) => issue.number,
    descending,
    first: pageSizeOf(args),
    after: args['after'] as string | null | undefined,
  });
  return connection(connectionType, {
    ...page,
    items: page.items.map((issue) => ({ __typename: nodeType, repo, issue })),
  });
}

function sortKey(repo: SimRepo, field: IssueOrder['field']): (issue: SimIssue) => string | number {
  switch (field) {
    case 'UPDATED_AT':
      return (issue) => Date.parse(issue.updatedAt);
    case 'COMMENTS':
      return (issue) => commentsOf(repo, issue.number).length;
    default:
      return (issue) => Date.parse(issue.createdAt);
  }
}

function isSorted<T>(items: T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) return false;
  }
  return true;
}
