import type { ContributorRecord } from '../../store/contributor.store.js';
import { cleanText, toCount } from './clean-text.js';

/** An item of REST `GET /repos/{o}/{r}/contributors?anon=1`: a user, or `type: "Anonymous"` with an email. */
export interface RestContributor {
  type?: string | null;
  login?: string | null;
  id?: number | null;
  email?: string | null;
  name?: string | null;
  contributions?: number | null;
}

export function contributorRow(item: RestContributor): ContributorRecord | undefined {
  const anonymous = item.type === 'Anonymous' || !item.login;
  const email = cleanText(item.email, 512);
  const name = cleanText(item.name, 512);
  // An anonymous entry with neither email nor name cannot be told apart from others: skip it.
  if (anonymous && !email && !name) return undefined;
  return {
    userId: anonymous ? null : (item.id ?? null),
    login: anonymous ? null : cleanText(item.login, 100),
    email,
    name,
    contributions: toCount(item.contributions) ?? 0,
    isAnonymous: anonymous,
  };
}
