import type {
  SimGitActor,
  SimIssue,
  SimIssueComment,
  SimRelease,
  SimRepo,
  SimReview,
  SimUser,
  World,
} from '../world.js';
import type { NodeCache } from './node-cache.js';
import type { RateLimitView } from './types.js';

/**
 * What resolvers pass down: each GraphQL object is a small tagged model over world data. The tag
 * (`__typename`) also answers abstract types (Actor, RepositoryOwner, Node, GitObject).
 */
export type Model =
  | { __typename: 'Repository'; repo: SimRepo }
  | { __typename: 'User' | 'Bot' | 'Organization'; user: SimUser }
  | { __typename: 'Ref'; repo: SimRepo }
  | { __typename: 'Commit'; repo: SimRepo; index: number }
  | { __typename: 'GitActor'; actor: SimGitActor; login: string | null }
  | { __typename: 'Issue' | 'PullRequest'; repo: SimRepo; issue: SimIssue }
  | { __typename: 'IssueComment'; repo: SimRepo; comment: SimIssueComment }
  | { __typename: 'PullRequestReview'; repo: SimRepo; review: SimReview }
  | { __typename: 'Release'; repo: SimRepo; release: SimRelease };

export type ModelOf<T extends Model['__typename']> = Extract<Model, { __typename: T }>;

export interface ExecContext {
  world: World;
  rateLimit: RateLimitView;
  /** Completed objects of world items from earlier requests (fast path only). */
  nodes?: NodeCache;
}

export type Resolver<S> = (source: S, args: Record<string, unknown>, context: ExecContext) => unknown;

/** Field resolvers of one GraphQL type; fields absent here answer "not implemented". */
export type TypeResolvers<T extends Model['__typename']> = Record<string, Resolver<ModelOf<T>>>;

export function userModel(user: SimUser): ModelOf<'User' | 'Bot' | 'Organization'> {
  return { __typename: user.type, user } as ModelOf<'User' | 'Bot' | 'Organization'>;
}

// Days past 28 take the slow path: Date normalises impossible ones (Feb 30), and so must we.
const CANONICAL = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

/** DateTime scalars render in UTC without fractions, as GitHub: `2024-06-27T05:04:09Z`. */
export function utc(iso: string): string;
export function utc(iso: string | null): string | null;
export function utc(iso: string | null): string | null {
  if (iso === null) return null;
  // Already `YYYY-MM-DDTHH:MM:SSZ` (world instants usually are): nothing to convert.
  if (iso.length === 20 && iso.charCodeAt(19) === 90 && iso.charCodeAt(10) === 84 && CANONICAL.test(iso))
    return iso;
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
