import type { GeographyShare } from '../geo/aggregate-geography.js';
import type { GeographyReport } from '../runtime/geography-report.js';

const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);

/** "62% of commits (coverage 88%, bounds 55–67%)", or why there is no share. */
function shareText(s: GeographyShare, what: string): string {
  if (s.outsideChina + s.china + s.unknown === 0) return `no ${what}`;
  if (s.share === null) return `${what}: nobody located (coverage 0%)`;
  return `${pct(s.share)} of ${what} (coverage ${pct(s.coverage)}, bounds ${pct(s.lower)}–${pct(s.upper)})`;
}

/** The geography lines of the `vitals report` table (all time, then the last 365 days). */
export function formatGeographyLines(g: GeographyReport): string[] {
  const year = g.windows['365d'];
  return [
    `  outside China ${shareText(g.byCommits, 'commits')}, ${shareText(g.byContributors, 'contributors')}  [all time, mode ${g.mode}]`,
    `                ${shareText(g.byPullRequests, 'merged PRs')}, ${shareText(g.byIssues, 'issues')}`,
    `                last 365 days: ${shareText(year.byCommits, 'commits')}, ${shareText(year.byContributors, 'contributors')}`,
  ];
}
