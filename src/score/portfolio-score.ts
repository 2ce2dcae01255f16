import { apportionHundredths } from './apportion.js';

export interface PortfolioMember {
  readonly repository: string;
  readonly score: number | null;
  /** The repository's activity-index value (human events per week); null = none. */
  readonly activityPerWeek: number | null;
}

export interface PortfolioScore {
  /** null when no member has a score. */
  readonly score: number | null;
  /** Σ points = score. `weight` is the member's share of the portfolio (0–1). */
  readonly members: readonly {
    readonly repository: string;
    readonly score: number;
    readonly weight: number;
    readonly points: number;
  }[];
  readonly unscored: readonly string[];
  readonly method: string;
}

export const PORTFOLIO_METHOD =
  'Activity-weighted mean of repository scores: weight = 1 + ln(1 + human events per week). Every scored repository counts at least 1 (a silent repository still weighs on its portfolio) and busy ones count more, but only logarithmically so one giant does not hide the rest. Repositories without a score are listed apart.';

/** The portfolio's score as an activity-weighted mean of its repositories' scores. */
export function computePortfolioScore(members: readonly PortfolioMember[]): PortfolioScore {
  const scored = members
    .filter((m): m is PortfolioMember & { score: number } => m.score !== null)
    .sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0));
  const unscored = members.filter((m) => m.score === null).map((m) => m.repository);
  if (scored.length === 0) return { score: null, members: [], unscored, method: PORTFOLIO_METHOD };
  const raw = scored.map((m) => 1 + Math.log1p(Math.max(0, m.activityPerWeek ?? 0)));
  const totalWeight = raw.reduce((sum, w) => sum + w, 0);
  const { parts, total } = apportionHundredths(scored.map((m, i) => (m.score * raw[i]!) / totalWeight));
  return {
    score: total,
    members: scored.map((m, i) => ({
      repository: m.repository,
      score: m.score,
      weight: raw[i]! / totalWeight,
      points: parts[i]!,
    })),
    unscored,
    method: PORTFOLIO_METHOD,
  };
}
