/**
 * The bundled sample world, read from the committed files under ./sample. Each call returns a fresh,
 * independent copy (the simulator's /_sim/mutate changes worlds in place).
 */
import { fileURLToPath } from 'node:url';
import type { World } from '../world.js';
import { loadWorldSync } from './load-world.js';

export const SAMPLE_WORLD_DIR = fileURLToPath(new URL('./sample/', import.meta.url));

export function loadSampleWorld(): World {
  return loadWorldSync(SAMPLE_WORLD_DIR);
}
