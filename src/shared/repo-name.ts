import { VitalsError } from './errors.js';

/** A repository name checked against GitHub's naming rules. */
export interface RepoName {
  readonly owner: string;
  readonly name: string;
  /** `owner/name` exactly as given (GitHub compares names case-insensitively). */
  readonly fullName: string;
}

/*
 * GitHub's rules, as its sign-up and "new repository" forms enforce them:
 * - user/organisation login: 1–39 characters, ASCII letters, digits and single hyphens, not starting
 *   or ending with a hyphen;
 * - repository name: 1–100 characters of ASCII letters, digits, '.', '_' and '-', not '.' or '..';
 *   GitHub drops a trailing `.git` (clone URLs carry it).
 */
const OWNER_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
const URL_PREFIX = /^(?:https?:\/\/)?(?:www\.)?github\.com\//i;

/** Parses `owner/name`, `https://github.com/owner/name(.git)` or `github.com/owner/name/`. */
export function parseRepoName(input: string): RepoName {
  const trimmed = input.trim();
  const path = trimmed
    .replace(URL_PREFIX, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  const parts = path.split('/');
  if (parts.length !== 2) {
    throw invalid(input, 'expected OWNER/NAME (for example octocat/hello-world)');
  }
  const [owner = '', rawName = ''] = parts;
  const name = rawName.replace(/\.git$/i, '');
  if (owner.length === 0) throw invalid(input, 'the owner is empty');
  if (owner.length > 39)
    throw invalid(input, `the owner ${JSON.stringify(owner)} is longer than 39 characters`);
  if (!OWNER_PATTERN.test(owner)) {
    throw invalid(
      input,
      `the owner ${JSON.stringify(owner)} may contain only letters, digits and single hyphens, not at the start or end`,
    );
  }
  if (name.length === 0) throw invalid(input, 'the repository name is empty');
  if (name.length > 100) throw invalid(input, `the repository name is longer than 100 characters`);
  if (name === '.' || name === '..')
    throw invalid(input, `the repository name ${JSON.stringify(name)} is reserved`);
  if (!NAME_PATTERN.test(name)) {
    throw invalid(
      input,
      `the repository name ${JSON.stringify(name)} may contain only letters, digits, '.', '_' and '-'`,
    );
  }
  return { owner, name, fullName: `${owner}/${name}` };
}

/**
 * Checks a user or organisation login (`--org`): GitHub's owner rule above. An invalid login is bad
 * input (INPUT_INVALID, exit code 2) and is never sent to GitHub.
 */
export function parseOwnerLogin(input: string): string {
  const login = input.trim();
  const shown = JSON.stringify(login.length > 60 ? `${login.slice(0, 60)}…` : login);
  const fail = (reason: string) =>
    new VitalsError('INPUT_INVALID', `Invalid organisation or user ${shown}: ${reason}`, {
      input: login.slice(0, 60),
      reason,
    });
  if (login.length === 0) throw fail('the name is empty');
  if (login.length > 39) throw fail('it is longer than 39 characters');
  if (!OWNER_PATTERN.test(login))
    throw fail('it may contain only letters, digits and single hyphens, not at the start or end');
  return login;
}

/** True when both name the same repository (GitHub names are case-insensitive). */
export function sameRepoName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function invalid(input: string, reason: string): VitalsError {
  const shown = input.length > 120 ? `${input.slice(0, 120)}…` : input;
  return new VitalsError('REPO_NAME_INVALID', `Invalid repository ${JSON.stringify(shown)}: ${reason}`, {
    input: shown,
    reason,
  });
}
