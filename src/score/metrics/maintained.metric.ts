import type { EpochMs, ScoreInput } from '../inputs.js';
import type { MetricDefinition } from '../metric.js';
import { DAY_MS, isInWindow } from '../time-window.js';

const WINDOW_DAYS = 90;

/** Latest human activity (any kind, releases included) at or before `until`; null when none. */
function lastHumanActivity(input: ScoreInput, until: EpochMs): EpochMs | null {
  let last: EpochMs | null = null;
  const see = (at: EpochMs) => {
    if (at <= until && (last === null || at > last)) last = at;
  };
  for (const c of input.commits) if (!c.isBot) see(c.authoredAt);
  for (const i of input.issues) if (!i.isBot) see(i.createdAt);
  for (const c of input.comments) if (!c.isBot) see(c.createdAt);
  for (const r of input.reviews) if (!r.isBot) see(r.submittedAt);
  for (const r of input.releases) see(r.publishedAt);
  return last;
}

/**
 * When the repository became archived, or null if it is not. GitHub does not say when; an archived
 * repository is read-only, so without a recorded date the last activity ever recorded (or the
 * creation) is the earliest it can have been archived — we use that lower bound.
 */
function archivedSince(input: ScoreInput): EpochMs | null {
  const repo = input.repository;
  if (!repo.archived) return null;
  return repo.archivedAt ?? lastHumanActivity(input, Number.POSITIVE_INFINITY) ?? repo.createdAt;
}

export const maintainedMetric: MetricDefinition = {
  id: 'maintained',
  name: 'Maintained (gate)',
  motivation:
    'An archived or silent project is not maintained whatever its history says; the composite score is capped for it (see the gate in config/scoring).',
  formula: `1 when the repository is not archived at asOf and has human activity in the last ${WINDOW_DAYS} days, else 0; null before the repository was created. Archived at asOf = archived and archivedAt ≤ asOf; when the archive date is unknown, the last recorded activity is used (an archived repository is read-only, so it was archived after that).`,
  direction: 'higher-is-better',
  windowDays: WINDOW_DAYS,
  counts:
    'Activity = commits, issues and pull requests opened, issue and review comments, submitted reviews by non-bots, and published releases.',
  unit: '0 or 1',
  compute(input, asOf) {
    // Before the repository existed there is nothing to judge (monthly backfills may start early).
    if (asOf < input.repository.createdAt)
      return { value: null, details: { reason: 'the repository did not exist yet' } };
    const archivedAt = archivedSince(input);
    const last = lastHumanActivity(input, asOf);
    const daysSinceLastActivity = last === null ? null : (asOf - last) / DAY_MS;
    const archived = archivedAt !== null && archivedAt <= asOf;
    const active = last !== null && isInWindow(last, asOf, WINDOW_DAYS);
    const reason = archived ? 'archived' : active ? null : `no activity in ${WINDOW_DAYS} days`;
    return { value: reason === null ? 1 : 0, details: { archived, daysSinceLastActivity, reason } };
  },
};
