import type { ReleaseRecord } from '../../store/release.store.js';
import { cleanText, toDateOrNull } from './clean-text.js';
import { isGhost } from './issue.rows.js';
import type { RestUser } from './user.rows.js';

/** An item of REST `GET /repos/{o}/{r}/releases`. */
export interface RestRelease {
  id: number;
  tag_name: string;
  name?: string | null;
  draft?: boolean | null;
  prerelease?: boolean | null;
  author?: RestUser | null;
  created_at: string;
  published_at?: string | null;
}

export function releaseRow(item: RestRelease): ReleaseRecord {
  return {
    githubId: item.id,
    tagName: cleanText(item.tag_name ?? '', 500),
    name: cleanText(item.name, 500),
    draft: item.draft === true,
    prerelease: item.prerelease === true,
    authorLogin: isGhost(item.author) ? null : cleanText(item.author?.login, 100),
    authorUserId: isGhost(item.author) ? null : (item.author?.id ?? null),
    createdAt: toDateOrNull(item.created_at) ?? new Date(0),
    publishedAt: toDateOrNull(item.published_at),
  };
}
