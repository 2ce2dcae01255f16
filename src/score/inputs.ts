/**
 * What the scoring layer reads. The store fills these from SQL; nothing here knows about the
 * database. Rows are flat and column-like (epoch milliseconds, plain strings, booleans) so a
 * `SELECT` can map onto them without joins in JavaScript.
 *
 * Conventions every row follows:
 * - Times are epoch milliseconds in UTC. Commit author dates keep their original offset in the
 *   store; here they are converted to the instant (a commit authored 2024-01-31T23:30-02:00 is
 *   2024-02-01T01:30Z and belongs to February in every UTC month bucket).
 * - `authorKey` identifies a person across rows: the GitHub login (lower-cased) when GitHub links
 *   the account, else a key derived from the commit email (`email:<lower-cased address>`; noreply
 *   addresses carry the login and map to it). Deleted accounts ("ghost") use `ghost`.
 * - `isBot` is decided by the store (`[bot]` logins, App accounts, the configured bot list). Bots are
 *   excluded from every people metric; they stay in the input so counts can say what was excluded.
 * - One ScoreInput holds one repository's rows gathered by its numeric GitHub id, so a rename in
 *   mid-history does not split it; nothing here depends on the repository's name.
 * - Rows may describe events after `asOf` (the store may send everything it has). Every metric
 *   ignores what happened after `asOf`, so the same input with a past `asOf` reproduces history.
 */

export type EpochMs = number;

/** One commit on the default branch. */
export interface CommitRow {
  readonly authoredAt: EpochMs;
  readonly authorKey: string;
  readonly isBot: boolean;
  /**
   * Affiliation at the time of the commit when known (e.g. from the commit email's company domain).
   * Absent or null → the author's entry in `ScoreInput.affiliations` applies.
   */
  readonly organisation?: string | null;
}

/**
 * One issue or pull request (they share GitHub's number sequence).
 * State at `asOf` is derived from the timestamps, never from the current state: an item is open at
 * `asOf` when `createdAt <= asOf` and (`closedAt` is null or `closedAt > asOf`). `closedAt` is
 * GitHub's `closed_at` (the latest close; a reopened and still open item has null). Merged pull
 * requests have both `mergedAt` and `closedAt`.
 */
export interface IssueRow {
  readonly number: number;
  readonly isPullRequest: boolean;
  readonly authorKey: string;
  readonly isBot: boolean;
  readonly createdAt: EpochMs;
  readonly closedAt: EpochMs | null;
  /** Pull requests only; null for issues and unmerged pull requests. */
  readonly mergedAt: EpochMs | null;
  /**
   * The first response, as the store computes it: the earliest issue comment, review comment or
   * submitted review on this item whose author is neither the item's author nor a bot (pending
   * reviews have no time and do not count). Null when there is none at all. A response after
   * `asOf` counts as "not yet answered" at `asOf`.
   */
  readonly firstResponseAt: EpochMs | null;
}

/** An issue comment or a pull request review comment (line comment). */
export interface CommentRow {
  readonly createdAt: EpochMs;
  readonly authorKey: string;
  readonly isBot: boolean;
}

/** A submitted pull request review (pending reviews have no `submittedAt` and are left out). */
export interface ReviewRow {
  readonly submittedAt: EpochMs;
  readonly authorKey: string;
  readonly isBot: boolean;
}

/** A published release (drafts are left out by the store; pre-releases count). */
export interface ReleaseRow {
  readonly publishedAt: EpochMs;
}

export interface RepositoryFacts {
  readonly createdAt: EpochMs;
  readonly archived: boolean;
  /**
   * When the crawler first saw the repository archived; null when not archived or unknown. GitHub
   * does not report when a repository was archived, and an archived repository is read-only, so
   * when this is null the archive is dated at the last recorded human activity (a lower bound).
   */
  readonly archivedAt: EpochMs | null;
}

/** A contributor's organisation; one row per `authorKey` that has one. */
export interface AffiliationRow {
  readonly authorKey: string;
  /**
   * Organisation name as resolved by the store: operator correction, else profile company, else a
   * company email domain. Null = unknown (personal mail providers, empty company). Unknown is kept
   * apart, never treated as one organisation.
   */
  readonly organisation: string | null;
}

/** Weighted volumes by region, as the geography issue computes them for the same `asOf`. */
export interface GeographyVolume {
  readonly outsideChina: number;
  readonly china: number;
  readonly unknown: number;
}

export interface GeographyInput {
  /** The geography window these volumes cover, e.g. `365d` (design §3). */
  readonly window: string;
  readonly byCommits: GeographyVolume | null;
  readonly byContributors: GeographyVolume | null;
  readonly byPullRequests: GeographyVolume | null;
  readonly byIssues: GeographyVolume | null;
}

/** Everything the metrics of one repository read. */
export interface ScoreInput {
  readonly repository: RepositoryFacts;
  readonly commits: readonly CommitRow[];
  /** Issues and pull requests together. */
  readonly issues: readonly IssueRow[];
  readonly comments: readonly CommentRow[];
  readonly reviews: readonly ReviewRow[];
  readonly releases: readonly ReleaseRow[];
  readonly affiliations: readonly AffiliationRow[];
  /** Absent or null until geography inference ran; the outside-China metrics then report null. */
  readonly geography?: GeographyInput | null;
}
