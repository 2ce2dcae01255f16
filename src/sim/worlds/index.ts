/** World builders of the GitHub simulator: the bundled sample, generators, loaders and (de)serialisation. */
export { mulberry32 } from '../rng.js';
export { loadSampleWorld, SAMPLE_WORLD_DIR } from './load-sample-world.js';
export { buildSampleWorld, SAMPLE_REPOS, SAMPLE_END, SAMPLE_SEED } from './sample-world.js';
export { loadWorld, loadWorldSync } from './load-world.js';
export { saveWorld } from './save-world.js';
export { generateWorld, DEFAULT_COUNTRY_MIX, type GenerateOptions } from './generate-world.js';
export { generateActivity, type ActivityAdded, type ActivityCounts } from './generate-activity.js';
export { deleteActivity, type ActivityDeleted, type DeletionCounts } from './delete-activity.js';
export { loadGitHistoryWorld, type GitHistoryOptions } from './git-history-world.js';
