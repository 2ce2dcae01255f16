import type { GenerateOptions } from '../src/sim/worlds/index.js';

/** The world of the API-efficiency and ingest benchmarks (issue 3): ~20k commits, 5k issues+PRs, 20k comments. */
export const MEDIUM_WORLD: GenerateOptions = {
  seed: 2026,
  repos: 1,
  commitsPerRepo: 20_000,
  issuesPerRepo: 5_000,
  commentsPerIssue: 4,
  users: 600,
};
