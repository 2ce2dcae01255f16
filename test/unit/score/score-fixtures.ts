import type {
  CommentRow,
  CommitRow,
  EpochMs,
  IssueRow,
  ReleaseRow,
  ReviewRow,
  ScoreInput,
} from '../../../src/score/inputs.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** 2024-06-30T12:00:00Z — the default asOf of the tables. */
export const AS_OF = Date.UTC(2024, 5, 30, 12);

export const daysAgo = (days: number, asOf: EpochMs = AS_OF): EpochMs => asOf - days * DAY;

export function input(parts: Partial<ScoreInput> = {}): ScoreInput {
  return {
    repository: { createdAt: Date.UTC(2015, 0, 1), archived: false, archivedAt: null },
    commits: [],
    issues: [],
    comments: [],
    reviews: [],
    releases: [],
    affiliations: [],
    geography: null,
    ...parts,
  };
}

export const commit = (authorKey: string, at: EpochMs, extra: Partial<CommitRow> = {}): CommitRow => ({
  authoredAt: at,
  authorKey,
  isBot: false,
  ...extra,
});

export const botCommit = (at: EpochMs): CommitRow => commit('dependabot[bot]', at, { isBot: true });

/** `count` commits by one author, an hour apart, ending at `at`. */
export const commits = (authorKey: string, count: number, at: EpochMs): CommitRow[] =>
  Array.from({ length: count }, (_, i) => commit(authorKey, at - i * HOUR));

export const comment = (authorKey: string, at: EpochMs, isBot = false): CommentRow => ({
  createdAt: at,
  authorKey,
  isBot,
});

export const review = (authorKey: string, at: EpochMs, isBot = false): ReviewRow => ({
  submittedAt: at,
  authorKey,
  isBot,
});

export const release = (at: EpochMs): ReleaseRow => ({ publishedAt: at });

interface ItemSpec {
  number?: number;
  pr?: boolean;
  author?: string;
  bot?: boolean;
  created: EpochMs;
  closed?: EpochMs | null;
  merged?: EpochMs | null;
  response?: EpochMs | null;
}

let nextNumber = 1000;

export function item(spec: ItemSpec): IssueRow {
  return {
    number: spec.number ?? nextNumber++,
    isPullRequest: spec.pr ?? false,
    authorKey: spec.author ?? 'reporter',
    isBot: spec.bot ?? false,
    createdAt: spec.created,
    closedAt: spec.closed ?? spec.merged ?? null,
    mergedAt: spec.merged ?? null,
    firstResponseAt: spec.response ?? null,
  };
}

export const pr = (spec: Omit<ItemSpec, 'pr'>): IssueRow => item({ ...spec, pr: true });

/** The input as the store would have held it at `asOf`: later rows gone, later timestamps unknown. */
export function knownAt(full: ScoreInput, asOf: EpochMs): ScoreInput {
  const until = (at: EpochMs | null) => (at !== null && at <= asOf ? at : null);
  return {
    ...full,
    commits: full.commits.filter((c) => c.authoredAt <= asOf),
    issues: full.issues
      .filter((i) => i.createdAt <= asOf)
      .map((i) => ({
        ...i,
        closedAt: until(i.closedAt),
        mergedAt: until(i.mergedAt),
        firstResponseAt: until(i.firstResponseAt),
      })),
    comments: full.comments.filter((c) => c.createdAt <= asOf),
    reviews: full.reviews.filter((r) => r.submittedAt <= asOf),
    releases: full.releases.filter((r) => r.publishedAt <= asOf),
  };
}

/** A deterministic pseudo-random repository history (LCG), two and a half years long. */
export function generatedHistory(seed = 7): ScoreInput {
  let state = seed;
  const rand = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const people = ['ann', 'ben', 'cai', 'dee', 'eli', 'fay', 'gus', 'hao', 'ivy', 'jon'];
  const pick = () => people[Math.floor(rand() ** 2 * people.length)]!;
  const start = Date.UTC(2022, 0, 1);
  const span = Date.UTC(2024, 6, 1) - start;
  const at = () => start + Math.floor(rand() * span);
  const commitRows = Array.from({ length: 400 }, () => commit(pick(), at(), { isBot: rand() < 0.05 }));
  const issueRows = Array.from({ length: 120 }, (_, n) => {
    const created = at();
    const isPr = rand() < 0.5;
    const closed = rand() < 0.7 ? created + Math.floor(rand() * 60 * DAY) : null;
    return item({
      number: n + 1,
      pr: isPr,
      author: pick(),
      bot: rand() < 0.05,
      created,
      closed,
      merged: isPr && closed !== null && rand() < 0.7 ? closed : null,
      response: rand() < 0.8 ? created + Math.floor(rand() * 20 * DAY) : null,
    });
  });
  return input({
    repository: { createdAt: start, archived: false, archivedAt: null },
    commits: commitRows,
    issues: issueRows,
    comments: Array.from({ length: 300 }, () => comment(pick(), at(), rand() < 0.1)),
    reviews: Array.from({ length: 100 }, () => review(pick(), at())),
    releases: Array.from({ length: 12 }, () => release(at())),
    affiliations: people.map((p, i) => ({ authorKey: p, organisation: i % 3 === 0 ? null : `Org ${i % 4}` })),
  });
}
