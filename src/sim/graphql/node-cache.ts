import type { RawJson } from '../json-bytes.js';
import type { SimRepo } from '../world.js';

/**
 * Completed GraphQL objects of world items, as their JSON bytes (a commit of a history page, a pull request with its
 * reviews), kept per selection plan so the next page or crawl asking the same fields of the same
 * item reuses them instead of resolving every field again. An entry is only valid for one state of
 * the world: the HTTP layer passes a generation key that changes with any mutation, and a new key
 * drops everything. Bounded by entry count. Also keeps the filtered, sorted
 * lists connections page through (so a page does not filter and sort thousands of items again).
 */
const MAX_LISTS = 64;

export class NodeCache {
  private generation: string | undefined;
  // Maps, not WeakMaps: keys are world items (alive anyway) and per-query plans (few), and weak
  // tables cost every garbage collection.
  private readonly byPlan = new Map<object, Map<object, RawJson>>();
  private entries = 0;
  private readonly lists = new Map<string, unknown[]>();

  constructor(private readonly maxEntries: number) {}

  /** Starts over when the world changed since the last request. */
  use(generation: string): this {
    if (generation !== this.generation) {
      this.generation = generation;
      this.byPlan.clear();
      this.entries = 0;
      this.lists.clear();
    }
    return this;
  }

  /** A filtered and sorted list for `key` (the arguments that shape it), computed once (bounded). */
  list<T>(key: string, compute: () => T[]): T[] {
    const hit = this.lists.get(key);
    if (hit !== undefined) return hit as T[];
    const list = compute();
    if (this.lists.size >= MAX_LISTS) this.lists.delete(this.lists.keys().next().value as string);
    this.lists.set(key, list);
    return list;
  }

  get(plan: object, item: object): RawJson | undefined {
    return this.byPlan.get(plan)?.get(item);
  }

  set(plan: object, item: object, completed: RawJson): void {
    if (this.entries >= this.maxEntries) return;
    let byItem = this.byPlan.get(plan);
    if (byItem === undefined) {
      byItem = new Map();
      this.byPlan.set(plan, byItem);
    }
    byItem.set(item, completed);
    this.entries += 1;
  }
}

/**
 * The world item a model stands for, when a completed object of it may be cached: commits,
 * issues, pull requests, comments, reviews and releases. Plain models (built per request) and
 * accounts (synthetic ones are built per lookup) are not cached.
 */
export function cacheableItem(value: unknown): object | undefined {
  const model = value as { __typename?: unknown; __plain?: unknown; repo?: SimRepo } & Record<
    string,
    unknown
  >;
  if (model.__plain === true) return undefined;
  switch (model.__typename) {
    case 'Commit':
      return model.repo?.commits[model['index'] as number];
    case 'Issue':
    case 'PullRequest':
      return model['issue'] as object | undefined;
    case 'IssueComment':
      return model['comment'] as object | undefined;
    case 'PullRequestReview':
      return model['review'] as object | undefined;
    case 'Release':
      return model['release'] as object | undefined;
    default:
      return undefined;
  }
}
