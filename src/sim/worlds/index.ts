/** World builders of the GitHub simulator: the bundled sample, generators, loaders and (de)serialisation. */
export { mulberry32 } from '../rng.js';
export { loadSampleWorld, SAMPLE_WORLD_DIR } from './load-sample-world.js';
export { buildSampleWorld, SAMPLE_REPOS, SAMPLE_END, SAMPLE_SEED } from './sample-world.js';
export { loadWorld, loadWorldSync } from './load-world.js';
export { saveWorld } from './save-world.js';
