/** Wraps generated activity in repository metadata whose timestamps agree with the activity. */
import type { SimRepo, SimRepoStatus } from '../world.js';
import type { RepoActivity } from './repo-activity.js';
import { formatUtc } from './time-zones.js';

export interface RepoMeta {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  language: string | null;
  topics: string[];
  license: 'mit' | 'apache-2.0' | 'bsd-3-clause' | null;
  defaultBranch: string;
  createdMs: number;
  stargazersCount: number;
  forksCount: number;
  formerNames?: string[];
  status?: SimRepoStatus;
  homepage?: string | null;
  archived?: boolean;
}

const LICENSES = {
  mit: { key: 'mit', name: 'MIT License', spdxId: 'MIT' },
  'apache-2.0': { key: 'apache-2.0', name: 'Apache License 2.0', spdxId: 'Apache-2.0' },
  'bsd-3-clause': {
    key: 'bsd-3-clause',
    name: 'BSD 3-Clause "New" or "Revised" License',
    spdxId: 'BSD-3-Clause',
  },
} as const;

function latestInstant(dates: Iterable<string | null>, fallbackMs: number): number {
  let latest = fallbackMs;
  for (const date of dates) if (date) latest = Math.max(latest, Date.parse(date));
  return latest;
}

export function makeRepo(meta: RepoMeta, activity: RepoActivity): SimRepo {
  const head = activity.commits[0];
  const pushedMs = head ? Date.parse(head.committer.date) : meta.createdMs;
  const updatedMs = latestInstant(
    [
      formatUtc(pushedMs),
      ...activity.issues.map((i) => i.updatedAt),
      ...activity.releases.map((r) => r.createdAt),
    ],
    meta.createdMs,
  );
  return {
    id: meta.id,
    owner: meta.owner,
    name: meta.name,
    formerNames: meta.formerNames ?? [],
    status: meta.status ?? 'ok',
    description: meta.description,
    homepage: meta.homepage ?? null,
    language: meta.language,
    license: meta.license ? { ...LICENSES[meta.license] } : null,
    topics: meta.topics,
    defaultBranch: meta.defaultBranch,
    fork: false,
    archived: meta.archived ?? false,
    disabled: false,
    visibility: 'public',
    stargazersCount: meta.stargazersCount,
    forksCount: meta.forksCount,
    watchersCount: meta.stargazersCount,
    createdAt: formatUtc(meta.createdMs),
    updatedAt: formatUtc(updatedMs),
    pushedAt: formatUtc(pushedMs),
    ...activity,
  };
}
