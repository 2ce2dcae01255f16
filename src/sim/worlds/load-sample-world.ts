/**
 * The bundled sample world, read from the committed files under ./sample. The first call reads and
 * validates the files; later calls parse a cached JSON copy. Every call returns a fresh, independent
 * world (the simulator's /_sim/mutate changes worlds in place).
 */
import { fileURLToPath } from 'node:url';
import type { World } from '../world.js';
import { loadWorldSync } from './load-world.js';

export const SAMPLE_WORLD_DIR = fileURLToPath(new URL('./sample/', import.meta.url));

let cachedJson: string | null = null;

export function loadSampleWorld(): World {
  if (cachedJson === null) {
    const world = loadWorldSync(SAMPLE_WORLD_DIR);
    cachedJson = JSON.stringify(world);
    return world;
  }
  return JSON.parse(cachedJson) as World;
}
