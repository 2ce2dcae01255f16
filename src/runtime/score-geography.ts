import { aggregateGeography, type WeightedRegion } from '../geo/aggregate-geography.js';
import type { GeoMode, Region } from '../geo/geo.types.js';
import type { EpochMs, GeographyInput, GeographyVolume, ScoreInput } from '../score/index.js';

const DAY_MS = 86_400_000;
export const SCORE_GEOGRAPHY_WINDOW_DAYS = 365;

/**
 * The outside-China volumes of the health score, computed from the rows scoring already holds and
 * the stored region of each person, instead of one more aggregation query per asOf. Same
 * definitions as the report's geography (src/runtime/geography-report.ts, `365d` window): commits
 * by author date, merged pull requests by merge date, issues (not pull requests) by opening date,
 * contributors = people with any of those or a comment/review in the window; bots excluded; people
 * never inferred (and deleted accounts) are unknown. A test holds the two in step.
 */
export function geographyFromScoreInput(
  input: ScoreInput,
  regionOf: (authorKey: string) => Region,
  asOf: EpochMs,
  mode: GeoMode,
): GeographyInput {
  const from = asOf - SCORE_GEOGRAPHY_WINDOW_DAYS * DAY_MS;
  const inWindow = (at: EpochMs | null) => at !== null && at <= asOf && at > from;
  const commits = new Map<string, number>();
  const pulls = new Map<string, number>();
  const issues = new Map<string, number>();
  const active = new Set<string>();
  const add = (counts: Map<string, number>, key: string) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    active.add(key);
  };
  for (const c of input.commits) if (!c.isBot && inWindow(c.authoredAt)) add(commits, c.authorKey);
  for (const i of input.issues) {
    if (i.isBot) continue;
    if (i.isPullRequest ? inWindow(i.mergedAt) : inWindow(i.createdAt))
      add(i.isPullRequest ? pulls : issues, i.authorKey);
  }
  for (const c of input.comments) if (!c.isBot && inWindow(c.createdAt)) active.add(c.authorKey);
  for (const r of input.reviews) if (!r.isBot && inWindow(r.submittedAt)) active.add(r.authorKey);
  const volume = (weights: Iterable<[string, number]>): GeographyVolume => {
    const items: WeightedRegion[] = [];
    for (const [key, weight] of weights) items.push({ region: regionOf(key), weight });
    const { outsideChina, china, unknown } = aggregateGeography(items, mode);
    return { outsideChina, china, unknown };
  };
  return {
    window: `${SCORE_GEOGRAPHY_WINDOW_DAYS}d`,
    byCommits: volume(commits),
    byContributors: volume([...active].map((key): [string, number] => [key, 1])),
    byPullRequests: volume(pulls),
    byIssues: volume(issues),
  };
}
