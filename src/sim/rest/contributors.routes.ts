import type { RepoScope } from '../render/repo-scope.js';
import { renderSimpleUser } from '../render/user.render.js';
import type { SimUser } from '../world.js';
import { paginate } from './paginate.js';
import { isEmpty } from './repo-routes.js';
import type { RepoRoute } from './rest-route.js';

type Contributor =
  | { kind: 'user'; user: SimUser; contributions: number }
  | { kind: 'anonymous'; email: string; name: string; contributions: number };

/**
 * GET /repos/{o}/{r}/contributors. GitHub groups default-branch commits by author email and links
 * "only the first 500 author email addresses in the repository" to accounts; the rest appear as
 * anonymous contributors, listed only with `anon=1`
 * (https://docs.github.com/rest/repos/repos#list-repository-contributors). Sorted by contributions,
 * descending. An empty repository answers 204 No Content.
 */
export const contributorRoutes: RepoRoute[] = [
  {
    suffix: '/contributors',
    handle: (req, scope) => {
      if (isEmpty(scope)) return { status: 204 };
      const anon = ['1', 'true'].includes(req.query.get('anon') ?? '');
      const limit = req.state.config.rest.contributorLinkLimit;
      const list = scope.repoIndex.cachedList<Contributor>(`contributors|${anon}|${limit}`, () =>
        contributors(scope, limit).filter((c) => anon || c.kind === 'user'),
      );
      return paginate(req, list, (c) =>
        JSON.stringify(
          c.kind === 'user'
            ? { ...renderSimpleUser(req.ctx, c.user), contributions: c.contributions }
            : { email: c.email, name: c.name, type: 'Anonymous', contributions: c.contributions },
        ),
      );
    },
  },
];

function contributors(scope: RepoScope, linkLimit: number): Contributor[] {
  const byEmail = new Map<string, { email: string; name: string; login: string | null; count: number }>();
  for (const commit of scope.repo.commits) {
    const email = commit.author.email.toLowerCase();
    const entry = byEmail.get(email);
    if (entry === undefined) {
      byEmail.set(email, {
        email: commit.author.email,
        name: commit.author.name,
        login: commit.authorLogin,
        count: 1,
      });
    } else {
      entry.count += 1;
      entry.login ??= commit.authorLogin;
    }
  }
  const emails = [...byEmail.values()].sort((a, b) => b.count - a.count || a.email.localeCompare(b.email));
  const users = new Map<string, { user: SimUser; contributions: number }>();
  const result: Contributor[] = [];
  emails.forEach((entry, rank) => {
    const user = rank < linkLimit && entry.login !== null ? scope.world.userByLogin(entry.login) : undefined;
    if (user === undefined) {
      result.push({ kind: 'anonymous', email: entry.email, name: entry.name, contributions: entry.count });
      return;
    }
    const linked = users.get(user.login);
    if (linked === undefined) users.set(user.login, { user, contributions: entry.count });
    else linked.contributions += entry.count;
  });
  for (const { user, contributions } of users.values()) result.push({ kind: 'user', user, contributions });
  return result.sort((a, b) => b.contributions - a.contributions);
}
