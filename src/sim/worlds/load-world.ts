/**
 * Reads a world directory written by saveWorld. Every line is checked as it is read; the first
 * problem stops the load with an error naming the file and line (code INPUT_INVALID).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimCommit, SimRepo, SimUser, World } from '../world.js';
import { createCommitInterner } from './commit-interner.js';
import { malformed, readJsonLinesGz, readJsonLinesGzSync } from './json-lines.js';
import { REPO_FIELDS, TRUE_COUNTRY_FIELDS, USER_FIELDS, checkRecord } from './world-records.js';
import {
  MANIFEST_FILE,
  REPO_COLLECTIONS,
  REPO_META_FILE,
  TRUE_COUNTRIES_FILE,
  USERS_FILE,
  WORLD_FORMAT,
  WORLD_FORMAT_VERSION,
  type WorldManifest,
} from './world-layout.js';

function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw malformed(file, null, `invalid JSON (${(err as Error).message})`, err);
  }
}

function checkManifest(value: unknown, file: string): WorldManifest {
  const manifest = value as Partial<WorldManifest> | null;
  if (!manifest || typeof manifest !== 'object' || manifest.format !== WORLD_FORMAT) {
    throw malformed(file, null, `not a world manifest (expected "format": "${WORLD_FORMAT}")`);
  }
  if (manifest.version !== WORLD_FORMAT_VERSION)
    throw malformed(
      file,
      null,
      `unsupported version ${String(manifest.version)} (this build reads ${WORLD_FORMAT_VERSION})`,
    );
  if (
    !Array.isArray(manifest.repos) ||
    manifest.repos.some((r) => typeof r?.dir !== 'string' || r.dir.includes('..'))
  ) {
    throw malformed(file, null, 'field "repos": expected an array of {dir, fullName, counts}');
  }
  return manifest as WorldManifest;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw malformed(file, null, 'file is missing or unreadable', err);
  }
}

async function readTextAsync(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw malformed(file, null, 'file is missing or unreadable', err);
  }
}

function checkRepoMeta(value: unknown, file: string): SimRepo {
  const problem = checkRecord(value, REPO_FIELDS);
  if (problem) throw malformed(file, null, problem);
  return {
    ...(value as SimRepo),
    commits: [],
    issues: [],
    issueComments: [],
    reviews: [],
    reviewComments: [],
    releases: [],
  };
}

/** Users must be unique by id and by login, case-insensitively, as on GitHub. */
function userCollector(file: string, users: SimUser[]): (value: unknown, line: number) => void {
  const ids = new Set<number>();
  const logins = new Set<string>();
  return (value, line) => {
    const user = value as SimUser;
    if (ids.has(user.id)) throw malformed(file, line, `duplicate user id ${user.id}`);
    if (logins.has(user.login.toLowerCase())) throw malformed(file, line, `duplicate login ${user.login}`);
    ids.add(user.id);
    logins.add(user.login.toLowerCase());
    users.push(user);
  };
}

function checkCount(file: string, expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual)
    throw malformed(file, null, `holds ${actual} records, the manifest says ${expected} (truncated?)`);
}

export async function loadWorld(dir: string): Promise<World> {
  const manifestFile = join(dir, MANIFEST_FILE);
  const manifest = checkManifest(
    parseJsonFile(await readTextAsync(manifestFile), manifestFile),
    manifestFile,
  );
  const users: SimUser[] = [];
  const usersFile = join(dir, USERS_FILE);
  checkCount(
    usersFile,
    manifest.users,
    await readJsonLinesGz(usersFile, USER_FIELDS, userCollector(usersFile, users)),
  );
  const trueCountryByEmail: Record<string, string | null> = {};
  const truthFile = join(dir, TRUE_COUNTRIES_FILE);
  await readJsonLinesGz(truthFile, TRUE_COUNTRY_FIELDS, (value) => {
    const record = value as { email: string; country: string | null };
    trueCountryByEmail[record.email] = record.country;
  });
  const repos: SimRepo[] = [];
  for (const entry of manifest.repos) {
    const metaFile = join(dir, entry.dir, REPO_META_FILE);
    const repo = checkRepoMeta(parseJsonFile(await readTextAsync(metaFile), metaFile), metaFile);
    for (const collection of REPO_COLLECTIONS) {
      const file = join(dir, entry.dir, collection.file);
      const target = repo[collection.key] as unknown[];
      const compact = collection.key === 'commits' ? createCommitInterner() : null;
      const count = await readJsonLinesGz(file, collection.fields, (value) =>
        target.push(compact ? compact(value as SimCommit) : value),
      );
      checkCount(file, entry.counts?.[collection.key], count);
    }
    repos.push(repo);
  }
  return { users, repos, trueCountryByEmail };
}

/** Synchronous load for small worlds (the bundled sample); large worlds should use loadWorld. */
export function loadWorldSync(dir: string): World {
  const manifestFile = join(dir, MANIFEST_FILE);
  const manifest = checkManifest(parseJsonFile(readText(manifestFile), manifestFile), manifestFile);
  const users: SimUser[] = [];
  const usersFile = join(dir, USERS_FILE);
  const collect = userCollector(usersFile, users);
  readJsonLinesGzSync(usersFile, USER_FIELDS).forEach((value, index) => collect(value, index + 1));
  const trueCountryByEmail: Record<string, string | null> = {};
  for (const value of readJsonLinesGzSync(join(dir, TRUE_COUNTRIES_FILE), TRUE_COUNTRY_FIELDS)) {
    const record = value as { email: string; country: string | null };
    trueCountryByEmail[record.email] = record.country;
  }
  const repos: SimRepo[] = [];
  for (const entry of manifest.repos) {
    const metaFile = join(dir, entry.dir, REPO_META_FILE);
    const repo = checkRepoMeta(parseJsonFile(readText(metaFile), metaFile), metaFile);
    for (const collection of REPO_COLLECTIONS) {
      const file = join(dir, entry.dir, collection.file);
      const records = readJsonLinesGzSync(file, collection.fields);
      checkCount(file, entry.counts?.[collection.key], records.length);
      (repo[collection.key] as unknown[]) = records;
    }
    repos.push(repo);
  }
  return { users, repos, trueCountryByEmail };
}
