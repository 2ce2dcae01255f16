/**
 * Regenerates the committed sample world: `npx tsx src/sim/worlds/build-sample.ts [DIR]`
 * (default: src/sim/worlds/sample). Deterministic: the same code gives the same files' content.
 */
import { rm } from 'node:fs/promises';
import { buildSampleWorld } from './sample-world.js';
import { SAMPLE_WORLD_DIR } from './load-sample-world.js';
import { saveWorld } from './save-world.js';

const dir = process.argv[2] ?? SAMPLE_WORLD_DIR;
const world = buildSampleWorld();
await rm(dir, { recursive: true, force: true });
await saveWorld(world, dir);
const commits = world.repos.reduce((sum, repo) => sum + repo.commits.length, 0);
console.error(
  `sample world written to ${dir}: ${world.repos.length} repositories, ${world.users.length} users, ${commits} commits`,
);
