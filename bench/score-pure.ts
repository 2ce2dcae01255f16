import { pathToFileURL } from 'node:url';
import { loadScoringConfig } from '../config/scoring/load-scoring-config.js';
import { computeMetrics } from '../src/score/compute-metrics.js';
import { computeHealthScore } from '../src/score/health-score.js';
import type { IssueRow, ScoreInput } from '../src/score/inputs.js';

/**
 * `npm run bench -- score-pure`: the pure scoring layer alone (no SQL) on generated repositories
 * shaped like design §9's scoring benchmark: 1,000 repositories, 5M commits, 1M issues + PRs.
 * Inputs are generated one repository at a time (never all in memory); only scoring is timed.
 */
const REPOSITORIES = 1_000;
const COMMITS_PER_REPO = 5_000;
const ITEMS_PER_REPO = 1_000;
const DAY = 86_400_000;
const AS_OF = Date.UTC(2024, 5, 30, 23, 59, 59, 999);

export function generateRepository(seed: number): ScoreInput {
  let state = seed + 1;
  const rand = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const people = Array.from({ length: 60 }, (_, i) => `user${i}`);
  const who = () => people[Math.floor(rand() ** 3 * people.length)]!;
  const at = () => AS_OF - Math.floor(rand() * 3 * 365 * DAY);
  const issues: IssueRow[] = Array.from({ length: ITEMS_PER_REPO }, (_, n) => {
    const createdAt = at();
    const closedAt = rand() < 0.8 ? createdAt + Math.floor(rand() * 90 * DAY) : null;
    const isPullRequest = rand() < 0.5;
    return {
      number: n + 1,
      isPullRequest,
      authorKey: who(),
      isBot: rand() < 0.05,
      createdAt,
      closedAt,
      mergedAt: isPullRequest && closedAt !== null && rand() < 0.7 ? closedAt : null,
      firstResponseAt: rand() < 0.85 ? createdAt + Math.floor(rand() * 15 * DAY) : null,
    };
  });
  return {
    repository: { createdAt: AS_OF - 4 * 365 * DAY, archived: false, archivedAt: null },
    commits: Array.from({ length: COMMITS_PER_REPO }, () => ({
      authoredAt: at(),
      authorKey: who(),
      isBot: rand() < 0.03,
    })),
    issues,
    comments: Array.from({ length: 2 * ITEMS_PER_REPO }, () => ({
      createdAt: at(),
      authorKey: who(),
      isBot: false,
    })),
    reviews: Array.from({ length: ITEMS_PER_REPO / 2 }, () => ({
      submittedAt: at(),
      authorKey: who(),
      isBot: false,
    })),
    releases: Array.from({ length: 20 }, () => ({ publishedAt: at() })),
    affiliations: people.map((p, i) => ({ authorKey: p, organisation: i % 4 === 0 ? null : `Org ${i % 7}` })),
  };
}

export async function runScorePureBench(repositories = REPOSITORIES): Promise<void> {
  const config = loadScoringConfig();
  let scoringMs = 0;
  let slowestMs = 0;
  let checksum = 0;
  for (let r = 0; r < repositories; r += 1) {
    const input = generateRepository(r);
    const started = performance.now();
    const health = computeHealthScore(computeMetrics(input, AS_OF), config);
    const elapsed = performance.now() - started;
    scoringMs += elapsed;
    slowestMs = Math.max(slowestMs, elapsed);
    checksum += health.score ?? 0;
  }
  console.log(
    `score-pure: ${repositories} repositories, ${repositories * COMMITS_PER_REPO} commits, ${repositories * ITEMS_PER_REPO} issues+PRs`,
  );
  console.log(
    `scoring time (pure layer, excludes generation and SQL): ${(scoringMs / 1000).toFixed(2)} s total, ${(scoringMs / repositories).toFixed(2)} ms/repository mean, ${slowestMs.toFixed(2)} ms slowest`,
  );
  console.log(
    `mean score ${(checksum / repositories).toFixed(2)}; RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await runScorePureBench(Number(process.argv[2] ?? REPOSITORIES));
