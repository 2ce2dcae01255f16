import { connection, pageSizeOf } from '../connection.js';
import { keysetPage } from '../keyset-page.js';
import { commentsOf } from '../world-lookups.js';
import type { SimIssue, SimRepo, World } from '../../world.js';
import type { NodeCache } from '../node-cache.js';
import { rejectArgs } from './unsupported-args.js';

/**
 * `Repository.issues` and `Repository.pullRequests`: filter, sort by `orderBy` (default
 * CREATED_AT ASC, i.e. by number), then keyset-paginate so pages hold still while the world moves.
 */
interface IssueOrder {
  field: 'CREATED_AT' | 'UPDATED_AT' | 'COMMENTS';
  direction: 'ASC' | 'DESC';
}

export function issueConnection(
  _world: World,
  repo: SimRepo,
  args: Record<string, unknown>,
  nodes?: NodeCache,
): unknown {
  rejectArgs('Repository.issues', args, ['first', 'after', 'orderBy', 'filterBy', 'states', 'labels']);
  const filterBy = (args['filterBy'] ?? {}) as Record<string, unknown>;
  rejectArgs('Repository.issues(filterBy)', filterBy, ['since', 'states', 'labels'], {
    viewerSubscribed: false,
  });
  const states = (args['states'] ?? filterBy['states']) as string[] | null | undefined;
  const labels = (args['labels'] ?? filterBy['labels']) as string[] | null | undefined;
  const sinceMs = filterBy['since'] ? Date.parse(filterBy['since'] as string) : -Infinity;
  const keep = (issue: SimIssue): boolean =>
    issue.pullRequest === null &&
    (!states || states.includes(issue.state.toUpperCase())) &&
    (!labels || labels.some((l) => issue.labels.includes(l))) &&
    (sinceMs === -Infinity || Date.parse(issue.updatedAt) >= sinceMs);
  return sortedPage('IssueConnection', 'Issue', repo, keep, args, nodes);
}

export function pullRequestConnection(
  _world: World,
  repo: SimRepo,
  args: Record<string, unknown>,
  nodes?: NodeCache,
): unknown {
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
  const keep = (issue: SimIssue): boolean => {
    const pr = issue.pullRequest;
    if (!pr) return false;
    return (
      (!states || states.includes(pullRequestState(issue))) &&
      (!labels || labels.some((l) => issue.labels.includes(l))) &&
      (!base || pr.baseRef === base) &&
      (!head || pr.headRef === head)
    );
  };
  return sortedPage('PullRequestConnection', 'PullRequest', repo, keep, args, nodes);
}

export function pullRequestState(issue: SimIssue): 'OPEN' | 'CLOSED' | 'MERGED' {
  if (issue.pullRequest?.merged) return 'MERGED';
  return issue.state === 'open' ? 'OPEN' : 'CLOSED';
}

function sortedPage(
  connectionType: string,
  nodeType: 'Issue' | 'PullRequest',
  repo: SimRepo,
  keep: (issue: SimIssue) => boolean,
  args: Record<string, unknown>,
  nodes: NodeCache | undefined,
): unknown {
  const order = (args['orderBy'] ?? { field: 'CREATED_AT', direction: 'ASC' }) as IssueOrder;
  const keyOf = sortKey(repo, order.field);
  const descending = order.direction === 'DESC';
  const filterAndSort = (): SimIssue[] => {
    if (order.field === 'COMMENTS') {
      const sign = descending ? -1 : 1;
      const compare = (a: SimIssue, b: SimIssue): number => {
        const ka = keyOf(a);
        const kb = keyOf(b);
        if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
        return (a.number - b.number) * sign;
      };
      return repo.issues.filter(keep).sort(compare);
    }
    // (key, number) is a total order: descending is ascending reversed.
    const kept = ascendingBy(repo.issues, order.field, keyOf).filter(keep);
    return descending ? kept.reverse() : kept;
  };
  // Everything but the page's position shapes the list; the cache is per world generation.
  const { first: _first, after: _after, ...shaping } = args;
  const sorted =
    nodes === undefined
      ? filterAndSort()
      : nodes.list(`${connectionType}|${repo.id}|${JSON.stringify(shaping)}`, filterAndSort);
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

/**
 * A repository's issues ascending by (time, number), kept between requests: sorting thousands of
 * items per page request (parsing both dates per comparison) was most of a reviews page's cost. The
 * cache checks, in O(n) reference comparisons, that the issue array holds the same items with the
 * same timestamp strings, so appended or edited items (the simulator's mutate) re-sort.
 */
interface SortedIssues {
  source: SimIssue[];
  stamps: string[];
  ascending: SimIssue[];
}

const sortedIssues = new WeakMap<SimIssue[], Map<string, SortedIssues>>();

function ascendingBy(
  issues: SimIssue[],
  field: 'CREATED_AT' | 'UPDATED_AT',
  keyOf: (issue: SimIssue) => string | number,
): SimIssue[] {
  const stampOf = field === 'UPDATED_AT' ? (i: SimIssue) => i.updatedAt : (i: SimIssue) => i.createdAt;
  let byField = sortedIssues.get(issues);
  if (byField === undefined) {
    byField = new Map();
    sortedIssues.set(issues, byField);
  }
  const hit = byField.get(field);
  if (hit !== undefined && unchanged(hit, issues, stampOf)) return hit.ascending;
  const keys = issues.map(keyOf);
  const positions = issues.map((_issue, position) => position);
  positions.sort((a, b) => {
    const ka = keys[a] as string | number;
    const kb = keys[b] as string | number;
    if (ka !== kb) return ka < kb ? -1 : 1;
    return (issues[a] as SimIssue).number - (issues[b] as SimIssue).number;
  });
  const ascending = positions.map((position) => issues[position] as SimIssue);
  byField.set(field, { source: [...issues], stamps: issues.map(stampOf), ascending });
  return ascending;
}

function unchanged(hit: SortedIssues, issues: SimIssue[], stampOf: (issue: SimIssue) => string): boolean {
  if (hit.source.length !== issues.length) return false;
  for (let i = 0; i < issues.length; i++) {
    const issue = issues[i] as SimIssue;
    if (issue !== hit.source[i] || stampOf(issue) !== hit.stamps[i]) return false;
  }
  return true;
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
