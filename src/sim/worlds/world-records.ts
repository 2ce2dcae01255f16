/**
 * Checks of world records read from disk. Hand-written (not zod) because a benchmark world holds a
 * million commits and these run once per line; each returns the first problem found, or null.
 */

type Check = (value: unknown) => string | null;

// Globals captured once: under jest's vm contexts every global lookup is many times slower.
const { isSafeInteger } = Number;
const { isArray } = Array;
const parseDate = Date.parse;
const isNotANumber = Number.isNaN;
const toNumber = Number;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isArray(value);
}

const string: Check = (v) => (typeof v === 'string' ? null : 'expected a string');
const nullableString: Check = (v) =>
  v === null || typeof v === 'string' ? null : 'expected a string or null';
const integer: Check = (v) => (typeof v === 'number' && isSafeInteger(v) ? null : 'expected an integer');
const positiveId: Check = (v) =>
  typeof v === 'number' && isSafeInteger(v) && v > 0 ? null : 'expected a positive integer id';
const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'expected a boolean');
const stringArray: Check = (v) =>
  isArray(v) && v.every((s) => typeof s === 'string') ? null : 'expected an array of strings';

/** An ISO 8601 instant; offsets must lie within ±14:00 (the range real time zones use). */
export function checkDate(value: unknown): string | null {
  if (typeof value !== 'string') return 'expected an ISO 8601 date string';
  const match = ISO_WITH_OFFSET.exec(value);
  if (!match || isNotANumber(parseDate(value)))
    return `not an ISO 8601 date: ${JSON.stringify(value).slice(0, 60)}`;
  if (match[1] !== undefined) {
    const minutes = toNumber(match[2]) * 60 + toNumber(match[3]);
    if (minutes > 14 * 60 || toNumber(match[3]) >= 60) return `UTC offset out of range in ${value}`;
  }
  return null;
}

const date: Check = checkDate;
const nullableDate: Check = (v) => (v === null ? null : checkDate(v));
const oneOf =
  (...allowed: readonly (string | null)[]): Check =>
  (v) =>
    allowed.includes(v as string | null)
      ? null
      : `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    checkRecord(v, fields);

export function checkRecord(value: unknown, fields: Record<string, Check>): string | null {
  if (!isObject(value)) return 'expected a JSON object';
  for (const name in fields) {
    const problem = (fields[name] as Check)(value[name]);
    if (problem) return `field "${name}": ${problem}`;
  }
  return null;
}

const actor = shape({ name: string, email: string, date });

export const USER_FIELDS: Record<string, Check> = {
  id: positiveId,
  login: string,
  type: oneOf('User', 'Bot', 'Organization'),
  name: nullableString,
  company: nullableString,
  blog: nullableString,
  location: nullableString,
  email: nullableString,
  bio: nullableString,
  twitterUsername: nullableString,
  createdAt: date,
  updatedAt: date,
};

export const COMMIT_FIELDS: Record<string, Check> = {
  sha: (v) => (typeof v === 'string' && /^[0-9a-f]{40}$/.test(v) ? null : 'expected a 40-hex sha'),
  parents: stringArray,
  message: string,
  author: actor,
  committer: actor,
  authorLogin: nullableString,
  committerLogin: nullableString,
  additions: integer,
  deletions: integer,
  changedFiles: integer,
};

export const ISSUE_FIELDS: Record<string, Check> = {
  id: positiveId,
  number: positiveId,
  title: string,
  body: nullableString,
  userLogin: nullableString,
  state: oneOf('open', 'closed'),
  stateReason: oneOf('completed', 'not_planned', 'reopened', null),
  locked: boolean,
  labels: stringArray,
  assigneeLogins: stringArray,
  createdAt: date,
  updatedAt: date,
  closedAt: nullableDate,
  closedByLogin: nullableString,
  pullRequest: nullable(
    shape({
      merged: boolean,
      mergedAt: nullableDate,
      mergedByLogin: nullableString,
      draft: boolean,
      headRef: string,
      baseRef: string,
      additions: integer,
      deletions: integer,
      changedFiles: integer,
    }),
  ),
};

export const ISSUE_COMMENT_FIELDS: Record<string, Check> = {
  id: positiveId,
  issueNumber: positiveId,
  userLogin: nullableString,
  body: string,
  createdAt: date,
  updatedAt: date,
};

export const REVIEW_FIELDS: Record<string, Check> = {
  id: positiveId,
  pullNumber: positiveId,
  userLogin: nullableString,
  state: oneOf('APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'),
  body: string,
  submittedAt: nullableDate,
  commitId: string,
};

export const REVIEW_COMMENT_FIELDS: Record<string, Check> = {
  id: positiveId,
  pullNumber: positiveId,
  reviewId: nullable(positiveId),
  userLogin: nullableString,
  body: string,
  path: string,
  createdAt: date,
  updatedAt: date,
};

export const RELEASE_FIELDS: Record<string, Check> = {
  id: positiveId,
  tagName: string,
  name: nullableString,
  body: nullableString,
  draft: boolean,
  prerelease: boolean,
  authorLogin: nullableString,
  createdAt: date,
  publishedAt: nullableDate,
};

export const REPO_FIELDS: Record<string, Check> = {
  id: positiveId,
  owner: string,
  name: string,
  formerNames: stringArray,
  status: oneOf('ok', 'empty', 'gone', 'dmca'),
  description: nullableString,
  homepage: nullableString,
  language: nullableString,
  license: nullable(shape({ key: string, name: string, spdxId: string })),
  topics: stringArray,
  defaultBranch: string,
  fork: boolean,
  archived: boolean,
  disabled: boolean,
  visibility: oneOf('public', 'private', 'internal'),
  stargazersCount: integer,
  forksCount: integer,
  watchersCount: integer,
  createdAt: date,
  updatedAt: date,
  pushedAt: date,
};

export const TRUE_COUNTRY_FIELDS: Record<string, Check> = { email: string, country: nullableString };
