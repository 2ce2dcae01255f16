/**
 * Bots are kept in the data (counts include them, design §3) but flagged, so people metrics can
 * exclude them (design §4 "Identity"). GitHub marks App accounts with type `Bot` and a `[bot]` login
 * suffix (https://docs.github.com/en/apps/creating-github-apps/about-creating-github-apps/about-creating-github-apps);
 * older automation runs under ordinary `User` accounts, which only a list can catch.
 */
export const DEFAULT_BOT_LOGINS: readonly string[] = [
  'greenkeeperio-bot',
  'renovate-bot',
  'codecov-io',
  'coveralls',
  'k8s-ci-robot',
  'k8s-merge-robot',
  'snyk-bot',
  'allcontributors',
  'imgbot',
  'web-flow',
];

export interface BotRules {
  /** Extra logins (case-insensitive) to treat as bots besides the `[bot]` suffix and type `Bot`. */
  readonly botLogins: readonly string[];
}

export function isBot(
  login: string | null | undefined,
  type: string | null | undefined,
  rules: BotRules,
): boolean {
  if (type === 'Bot') return true;
  if (!login) return false;
  const lower = login.toLowerCase();
  if (lower.endsWith('[bot]')) return true;
  return rules.botLogins.some((bot) => bot.toLowerCase() === lower);
}
