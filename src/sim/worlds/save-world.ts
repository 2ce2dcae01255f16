/** Writes a world as a directory (layout in world-layout.ts) that loadWorld reads back unchanged. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimRepo, World } from '../world.js';
import { VitalsError } from '../../shared/errors.js';
import { writeJsonLinesGz } from './json-lines.js';
import {
  MANIFEST_FILE,
  REPO_COLLECTIONS,
  REPO_META_FILE,
  TRUE_COUNTRIES_FILE,
  USERS_FILE,
  WORLD_FORMAT,
  WORLD_FORMAT_VERSION,
  repoDirName,
  type RepoCollection,
  type WorldManifest,
} from './world-layout.js';

function repoMetadata(repo: SimRepo): Omit<SimRepo, RepoCollection> {
  const {
    commits: _c,
    issues: _i,
    issueComments: _ic,
    reviews: _r,
    reviewComments: _rc,
    releases: _rel,
    ...meta
  } = repo;
  return meta;
}

function* trueCountryRecords(world: World): Iterable<{ email: string; country: string | null }> {
  for (const [email, country] of Object.entries(world.trueCountryByEmail ?? {})) yield { email, country };
}

export async function saveWorld(world: World, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const manifest: WorldManifest = {
    format: WORLD_FORMAT,
    version: WORLD_FORMAT_VERSION,
    users: 0,
    trueCountries: 0,
    repos: [],
  };
  const seen = new Set<string>();
  for (const repo of world.repos) {
    const repoDir = repoDirName(repo);
    if (seen.has(repoDir.toLowerCase())) {
      throw new VitalsError(
        'INPUT_INVALID',
        `Cannot save world: two repositories named ${repo.owner}/${repo.name}`,
        { repo: `${repo.owner}/${repo.name}` },
      );
    }
    seen.add(repoDir.toLowerCase());
    await mkdir(join(dir, repoDir), { recursive: true });
    await writeFile(join(dir, repoDir, REPO_META_FILE), JSON.stringify(repoMetadata(repo), null, 2) + '\n');
    const counts = {} as Record<RepoCollection, number>;
    for (const collection of REPO_COLLECTIONS)
      counts[collection.key] = await writeJsonLinesGz(
        join(dir, repoDir, collection.file),
        repo[collection.key],
      );
    manifest.repos.push({ dir: repoDir, fullName: `${repo.owner}/${repo.name}`, counts });
  }
  manifest.users = await writeJsonLinesGz(join(dir, USERS_FILE), world.users);
  manifest.trueCountries = await writeJsonLinesGz(join(dir, TRUE_COUNTRIES_FILE), trueCountryRecords(world));
  // The manifest goes last: a directory whose writing was interrupted has none and fails to load.
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
}
