/**
 * The on-disk layout of a world directory. A small JSON manifest names the files and their record
 * counts; bulk data lives in gzip JSON Lines files so a million-commit world is streamed, never
 * parsed as one document.
 *
 *   world.json                       manifest (format, version, repos, counts)
 *   users.jsonl.gz                   one SimUser per line
 *   true-countries.jsonl.gz          {email, country} ground truth for unlinked commit identities
 *   repos/OWNER__NAME/repo.json      SimRepo metadata (no arrays of activity)
 *   repos/OWNER__NAME/commits.jsonl.gz, issues.jsonl.gz, issue-comments.jsonl.gz,
 *       reviews.jsonl.gz, review-comments.jsonl.gz, releases.jsonl.gz
 */
import type { SimRepo } from '../world.js';
import {
  COMMIT_FIELDS,
  ISSUE_COMMENT_FIELDS,
  ISSUE_FIELDS,
  RELEASE_FIELDS,
  REVIEW_COMMENT_FIELDS,
  REVIEW_FIELDS,
} from './world-records.js';

export const WORLD_FORMAT = 'oss-vitals-world';
export const WORLD_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'world.json';
export const USERS_FILE = 'users.jsonl.gz';
export const TRUE_COUNTRIES_FILE = 'true-countries.jsonl.gz';
export const REPO_META_FILE = 'repo.json';

export type RepoCollection =
  'commits' | 'issues' | 'issueComments' | 'reviews' | 'reviewComments' | 'releases';

export const REPO_COLLECTIONS: ReadonlyArray<{
  key: RepoCollection;
  file: string;
  fields: typeof COMMIT_FIELDS;
}> = [
  { key: 'commits', file: 'commits.jsonl.gz', fields: COMMIT_FIELDS },
  { key: 'issues', file: 'issues.jsonl.gz', fields: ISSUE_FIELDS },
  { key: 'issueComments', file: 'issue-comments.jsonl.gz', fields: ISSUE_COMMENT_FIELDS },
  { key: 'reviews', file: 'reviews.jsonl.gz', fields: REVIEW_FIELDS },
  { key: 'reviewComments', file: 'review-comments.jsonl.gz', fields: REVIEW_COMMENT_FIELDS },
  { key: 'releases', file: 'releases.jsonl.gz', fields: RELEASE_FIELDS },
];

export interface WorldManifest {
  format: typeof WORLD_FORMAT;
  version: number;
  users: number;
  trueCountries: number;
  repos: Array<{ dir: string; fullName: string; counts: Record<RepoCollection, number> }>;
}

export function repoDirName(repo: Pick<SimRepo, 'owner' | 'name'>): string {
  return `repos/${repo.owner}__${repo.name}`;
}
