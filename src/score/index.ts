// Public surface of the scoring layer for the store, CLI, HTTP and alerts.
export type * from './inputs.js';
export type { JsonValue, MetricDefinition, MetricDirection, MetricValue } from './metric.js';
export { computeMetrics, type MetricValues } from './compute-metrics.js';
export { findFirstResponseAt, type ResponseCandidate } from './first-response-rule.js';
export { computeHealthScore, type HealthScore, type ScoreComponent } from './health-score.js';
export { scoreRepository, type RepositoryScore } from './score-repository.js';
export { computePortfolioScore, type PortfolioMember, type PortfolioScore } from './portfolio-score.js';
export { computeTrend, TREND_DEFAULTS, type SeriesPoint, type Trend, type TrendStep } from './trend.js';
export { parseScoringConfig, type ScoringConfig } from './scoring-config.js';
export { METRICS, METRIC_IDS, findMetric } from './registry.js';
export { utcMonthEnd, utcMonthEndsBetween, utcMonthKey, addUtcMonths } from './utc-calendar.js';
