import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { fakeToken, nextLink, parseLink, simGet } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

// Many sequential HTTP requests: allow for a busy machine (the default is 5 s).
jest.setTimeout(30_000);

let sim: RunningSimulator;
const token = fakeToken();

beforeAll(async () => {
  sim = await startSimulator({ world: tinyWorld(), config: { secondary: { restPointsPerMinute: 100_000 } } });
});
afterAll(async () => {
  await sim.close();
});

type Json = Record<string, unknown>;
const list = async (path: string): Promise<Json[]> =>
  (await simGet(sim.url, path, { token })).json() as Json[];

/** Follows `Link: rel="next"` to the end, as a crawler must. */
async function all(path: string): Promise<Json[]> {
  const items: Json[] = [];
  let url: string | undefined = `${sim.url}${path}`;
  while (url !== undefined) {
    const page = await simGet(sim.url, url, { token });
    expect(page.status).toBe(200);
    items.push(...(page.json() as Json[]));
    url = nextLink(page.headers.get('link'));
  }
  return items;
}

describe('pagination', () => {
  it('defaults to 30 per page, caps per_page at 100 and walks every item exactly once', async () => {
    expect(await list('/repos/acme/widgets/commits')).toHaveLength(30);
    expect(await list('/repos/acme/widgets/commits?per_page=500')).toHaveLength(100);
    const commits = await all('/repos/acme/widgets/commits?per_page=7');
    expect(commits).toHaveLength(120);
    expect(new Set(commits.map((c) => c['sha'])).size).toBe(120);
  });

  it('keeps other query parameters and the /api/v3 prefix in Link URLs', async () => {
    const page = await simGet(
      sim.url,
      '/api/v3/repos/acme/widgets/issues?state=all&per_page=5&sort=updated',
      { token },
    );
    const links = parseLink(page.headers.get('link'));
    expect(links.map(([rel]) => rel)).toEqual(['next', 'last']);
    const next = new URL(links[0]![1]);
    expect(next.pathname).toBe('/api/v3/repositories/1001/issues');
    expect(next.search).toBe('?state=all&per_page=5&sort=updated&page=2');
    expect(new URL(links[1]![1]).searchParams.get('page')).toBe('8');
  });

  it('echoes each request’s parameter order in Link, even for the same page served from cache', async () => {
    const a = await simGet(sim.url, '/repos/acme/widgets/commits?page=2&per_page=3', { token });
    const b = await simGet(sim.url, '/repos/acme/widgets/commits?per_page=3&page=2', { token });
    expect(a.text).toBe(b.text);
    expect(parseLink(a.headers.get('link'))[0]![1]).toMatch(/\?page=1&per_page=3$/);
    expect(parseLink(b.headers.get('link'))[0]![1]).toMatch(/\?per_page=3&page=1$/);
  });

  it('refuses pages deeper than rest.maxPage with 422, and stops rel="last" there', async () => {
    sim.configure({ rest: { maxPage: 3 } });
    try {
      const first = await simGet(sim.url, '/repos/acme/widgets/commits?per_page=10', { token });
      const last = parseLink(first.headers.get('link')).find(([rel]) => rel === 'last')!;
      expect(new URL(last[1]).searchParams.get('page')).toBe('3');
      const deep = await simGet(sim.url, '/repos/acme/widgets/commits?per_page=10&page=4', { token });
      expect(deep.status).toBe(422);
      expect((deep.json() as { message: string }).message).toMatch(/pagination is limited/);
    } finally {
      sim.configure({ rest: { maxPage: 0 } });
    }
  });
});

describe('commits', () => {
  it('renders git dates in UTC with Z and links authors GitHub can resolve', async () => {
    const [head] = await list('/repos/acme/widgets/commits?per_page=1');
    const commit = head!['commit'] as { author: { date: string } };
    // World: 2024-04-29T05:30:00+05:30 (the Drive-by author) → UTC.
    expect(commit.author.date).toBe('2024-04-29T00:00:00Z');
    expect(head!['author']).toBeNull();
    const [second] = await list('/repos/acme/widgets/commits?per_page=1&page=2');
    expect((second!['author'] as { login: string }).login).toBe('bob');
  });

  it('filters by since/until (committer date) and by author, and starts from sha', async () => {
    const window = await all(
      '/repos/acme/widgets/commits?since=2024-04-01T00:00:00Z&until=2024-04-10T23:59:59Z',
    );
    expect(window.length).toBeGreaterThanOrEqual(9);
    expect(window.length).toBeLessThanOrEqual(11);
    const byBob = await all('/repos/acme/widgets/commits?author=bob&per_page=100');
    expect(byBob.every((c) => (c['author'] as { login: string }).login === 'bob')).toBe(true);
    const fromSha = await all(
      `/repos/acme/widgets/commits?sha=${sim.world.repos[0]!.commits[5]!.sha}&per_page=100`,
    );
    expect(fromSha).toHaveLength(115);
    const unknown = await simGet(sim.url, '/repos/acme/widgets/commits?sha=0123456789abcdef', { token });
    expect(unknown.status).toBe(404);
  });
});

describe('contributors', () => {
  it('lists linked users by contributions and anonymous emails only with anon=1', async () => {
    const linked = await list('/repos/acme/widgets/contributors');
    expect(linked.map((c) => c['login'])).toEqual(
      ['alice', 'bob', 'chen']
        .filter((l) => linked.some((c) => c['login'] === l))
        .sort((a, b) => {
          const count = (login: string) =>
            linked.find((c) => c['login'] === login)!['contributions'] as number;
          return count(b) - count(a);
        }),
    );
    expect(linked.every((c) => c['type'] === 'User')).toBe(true);
    const withAnon = await list('/repos/acme/widgets/contributors?anon=1');
    const anonymous = withAnon.filter((c) => c['type'] === 'Anonymous');
    expect(anonymous).toEqual([
      { email: 'driveby@example.net', name: 'Drive-by', type: 'Anonymous', contributions: 18 },
    ]);
    const total = withAnon.reduce((sum, c) => sum + (c['contributions'] as number), 0);
    expect(total).toBe(120);
    const counts = withAnon.map((c) => c['contributions'] as number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('links only the first contributorLinkLimit author emails; the rest turn anonymous', async () => {
    sim.configure({ rest: { contributorLinkLimit: 1 } });
    try {
      const linked = await list('/repos/acme/widgets/contributors?anon=true');
      expect(linked.filter((c) => c['type'] === 'User')).toHaveLength(1);
      expect(linked.filter((c) => c['type'] === 'Anonymous')).toHaveLength(3);
    } finally {
      sim.configure({ rest: { contributorLinkLimit: 500 } });
    }
  });
});

describe('issues and pull requests', () => {
  it('defaults to open, newest first, and marks pull requests', async () => {
    const open = await all('/repos/acme/widgets/issues?per_page=100');
    expect(open.every((i) => i['state'] === 'open')).toBe(true);
    expect(open).toHaveLength(30);
    const numbers = open.map((i) => i['number'] as number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const pulls = open.filter((i) => i['pull_request'] !== undefined);
    expect(pulls.every((i) => (i['number'] as number) % 3 === 0)).toBe(true);
  });

  it('supports state=all, since (updated_at ≥ since), sort, direction and labels', async () => {
    expect(await all('/repos/acme/widgets/issues?state=all&per_page=100')).toHaveLength(40);
    expect(await all('/repos/acme/widgets/issues?state=closed')).toHaveLength(10);
    const since = '2024-04-01T00:00:00Z';
    const recent = await all(`/repos/acme/widgets/issues?state=all&since=${since}`);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((i) => (i['updated_at'] as string) >= since)).toBe(true);
    const ascending = await list(
      '/repos/acme/widgets/issues?state=all&sort=updated&direction=asc&per_page=100',
    );
    const updated = ascending.map((i) => i['updated_at'] as string);
    expect(updated).toEqual([...updated].sort());
    const helpWanted = await list(
      '/repos/acme/widgets/issues?state=all&labels=bug,help%20wanted&per_page=100',
    );
    expect(helpWanted.map((i) => i['number'])).toEqual([35, 25, 15, 5]);
  });

  it('serves one issue with closed_by, its comments, and repository-wide comments since a date', async () => {
    const issue = (await simGet(sim.url, '/repos/acme/widgets/issues/4', { token })).json() as Json;
    expect((issue['closed_by'] as { login: string }).login).toBe('alice');
    expect(issue['comments']).toBe(3);
    const comments = await list('/repos/acme/widgets/issues/4/comments');
    expect(comments.map((c) => c['id'])).toEqual([9003, 9023, 9043]);
    const everything = await all('/repos/acme/widgets/issues/comments?per_page=100');
    expect(everything).toHaveLength(60);
    const since = everything[30]!['updated_at'] as string;
    const recent = await all(`/repos/acme/widgets/issues/comments?since=${since}`);
    expect(recent.every((c) => (c['updated_at'] as string) >= since)).toBe(true);
    expect(recent.length).toBeLessThan(60);
    expect((await simGet(sim.url, '/repos/acme/widgets/issues/999', { token })).status).toBe(404);
  });

  it('lists pulls, one pull with merge data, its submitted reviews and review comments', async () => {
    const pulls = await all('/repos/acme/widgets/pulls?state=all');
    expect(pulls).toHaveLength(13);
    expect((pulls[0]!['head'] as { repo: { full_name: string } }).repo.full_name).toBe('acme/widgets');
    const pull = (await simGet(sim.url, '/repos/acme/widgets/pulls/12', { token })).json() as Json;
    expect(pull).toMatchObject({ number: 12, merged: true, state: 'closed', additions: 24 });
    const reviews = await list('/repos/acme/widgets/pulls/12/reviews');
    expect(reviews.map((r) => r['state'])).toEqual(['APPROVED']);
    const reviewComments = await all('/repos/acme/widgets/pulls/comments');
    expect(reviewComments).toHaveLength(13);
    const onTwelve = await list('/repos/acme/widgets/pulls/12/comments');
    expect(onTwelve.map((c) => c['body'])).toEqual(['Nit 3']);
    expect((await simGet(sim.url, '/repos/acme/widgets/pulls/4', { token })).status).toBe(404);
  });

  it('lists published releases newest first, without drafts', async () => {
    const releases = await list('/repos/acme/widgets/releases');
    expect(releases.map((r) => r['tag_name'])).toEqual(['v3.0.0', 'v2.0.0', 'v1.0.0']);
  });
});

describe('users, organisations and repository states', () => {
  it('serves users by login and id, organisations and their repositories', async () => {
    const alice = (await simGet(sim.url, '/users/ALICE', { token })).json() as Json;
    expect(alice).toMatchObject({ login: 'alice', id: 2, location: 'Berlin, Germany', type: 'User' });
    expect(((await simGet(sim.url, '/user/4', { token })).json() as Json)['location']).toBe('杭州');
    expect(((await simGet(sim.url, '/orgs/acme', { token })).json() as Json)['type']).toBe('Organization');
    const repos = await all('/orgs/acme/repos');
    expect(repos.map((r) => r['name']).sort()).toEqual(['blocked', 'empty', 'renamed-new', 'widgets']);
    expect((await list('/users/alice/repos')).map((r) => r['full_name'])).toEqual(['alice/solo']);
    expect((await simGet(sim.url, '/users/nobody-here', { token })).status).toBe(404);
  });

  it('answers gone, blocked, empty and renamed repositories as GitHub does', async () => {
    const gone = await simGet(sim.url, '/repos/acme/gone/issues', { token });
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ message: 'Not Found' });
    const blocked = await simGet(sim.url, '/repos/acme/blocked', { token });
    expect(blocked.status).toBe(451);
    expect(blocked.json()).toMatchObject({ message: 'Repository access blocked', block: { reason: 'dmca' } });
    const empty = await simGet(sim.url, '/repos/acme/empty', { token });
    expect(empty.status).toBe(200);
    const emptyCommits = await simGet(sim.url, '/repos/acme/empty/commits', { token });
    expect(emptyCommits.status).toBe(409);
    expect((emptyCommits.json() as { message: string }).message).toBe('Git Repository is empty.');
    const emptyContributors = await simGet(sim.url, '/repos/acme/empty/contributors', { token });
    expect(emptyContributors.status).toBe(204);
    expect(emptyContributors.text).toBe('');
    const renamed = await simGet(sim.url, '/repos/acme/renamed-old/issues?state=all', { token });
    expect(renamed.status).toBe(301);
    expect(renamed.headers.get('location')).toBe(`${sim.url}/repositories/2004/issues?state=all`);
    const followed = await simGet(sim.url, '/repos/acme/renamed-old', { token, follow: true });
    expect((followed.json() as Json)['full_name']).toBe('acme/renamed-new');
  });

  it('answers unknown paths with a GitHub-shaped 404', async () => {
    const answer = await simGet(sim.url, '/repos/acme/widgets/nonsense', { token });
    expect(answer.status).toBe(404);
    expect(answer.json()).toMatchObject({ message: 'Not Found' });
    expect(sim.stats().byEndpoint['GET (unknown path)']).toBeGreaterThanOrEqual(1);
  });
});
