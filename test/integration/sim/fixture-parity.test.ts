import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { fakeToken, parseLink, simGet } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

// Many sequential HTTP requests: allow for a busy machine (the default is 5 s).
jest.setTimeout(30_000);

/**
 * Parity with real recorded GitHub responses (npm @octokit/fixtures): same header names, same
 * top-level keys on repository, issue and user objects, the same Link relations page by page, and
 * the same rename redirect.
 */
interface Recording {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  response: unknown;
}

const require = createRequire(import.meta.url);
const scenarios = path.join(
  path.dirname(require.resolve('@octokit/fixtures/package.json')),
  'scenarios',
  'api.github.com',
);
const recording = (name: string): Recording[] =>
  JSON.parse(readFileSync(path.join(scenarios, name, 'normalized-fixture.json'), 'utf8')) as Recording[];

/** Headers a local HTTP server legitimately differs on (connection handling) or GitHub adds per account. */
const TRANSPORT_ONLY = new Set(['connection', 'x-oauth-scopes', 'x-accepted-oauth-scopes']);

let sim: RunningSimulator;
const token = fakeToken();

beforeAll(async () => {
  const world = tinyWorld();
  const widgets = world.repos[0]!;
  // paginate-issues recorded 13 open issues read 3 per page: give ours the same shape.
  widgets.issues = widgets.issues.slice(0, 13).map((issue) => ({ ...issue, state: 'open', closedAt: null }));
  sim = await startSimulator({ world });
});
afterAll(async () => {
  await sim.close();
});

function keysOf(value: unknown): string[] {
  return Object.keys(value as Record<string, unknown>);
}

describe('parity with @octokit/fixtures recordings', () => {
  it('repository object has every key GitHub sends, and the same headers', async () => {
    const [recorded] = recording('get-repository');
    const ours = await simGet(sim.url, '/repos/acme/widgets', { token });
    expect(ours.status).toBe(200);
    const missing = keysOf(recorded!.response).filter((key) => !keysOf(ours.json()).includes(key));
    expect(missing).toEqual([]);
    const owner = (ours.json() as { owner: unknown }).owner;
    expect(keysOf(owner)).toEqual(keysOf((recorded!.response as { owner: unknown }).owner));
    const ourHeaders = [...ours.headers.keys()];
    const missingHeaders = Object.keys(recorded!.headers).filter(
      (h) => !TRANSPORT_ONLY.has(h) && !ourHeaders.includes(h),
    );
    expect(missingHeaders).toEqual([]);
  });

  it('issues pages carry the same keys and the same Link relations as paginate-issues', async () => {
    const recorded = recording('paginate-issues');
    let url: string | undefined = `${sim.url}/repos/acme/widgets/issues?per_page=3`;
    const ourRels: string[][] = [];
    const ourPaths: string[][] = [];
    for (let page = 0; url !== undefined && page < 10; page++) {
      const response = await simGet(sim.url, url, { token });
      expect(response.status).toBe(200);
      const link = parseLink(response.headers.get('link'));
      ourRels.push(link.map(([rel]) => rel));
      ourPaths.push(link.map(([, href]) => new URL(href).pathname + new URL(href).search));
      if (page === 0) {
        const issue = (response.json() as unknown[])[0];
        expect(keysOf(issue).sort()).toEqual(keysOf((recorded[0]!.response as unknown[])[0]).sort());
      }
      url = link.find(([rel]) => rel === 'next')?.[1];
    }
    const theirRels = recorded.map((r) => parseLink(r.headers['link'] ?? null).map(([rel]) => rel));
    expect(ourRels).toEqual(theirRels);
    const theirPaths = recorded.map((r) =>
      parseLink(r.headers['link'] ?? null).map(([, href]) => {
        const parsed = new URL(href.replace('/repositories/1000/', '/repositories/1001/'));
        return parsed.pathname + parsed.search;
      }),
    );
    expect(ourPaths).toEqual(theirPaths);
  });

  it('user objects in issues have the recorded simple-user keys', async () => {
    const recorded = recording('paginate-issues');
    const ours = await simGet(sim.url, '/repos/acme/widgets/issues?per_page=1', { token });
    const ourUser = (ours.json() as Array<{ user: unknown }>)[0]!.user;
    expect(keysOf(ourUser)).toEqual(keysOf((recorded[0]!.response as Array<{ user: unknown }>)[0]!.user));
  });

  it('a former name answers 301 to /repositories/{id} like rename-repository, and octokit follows it', async () => {
    const recorded = recording('rename-repository').find((r) => r.method === 'get' && r.status === 301)!;
    const ours = await simGet(sim.url, '/repos/acme/renamed-old', { token });
    expect(ours.status).toBe(301);
    expect(new URL(ours.headers.get('location')!).pathname).toBe('/repositories/2004');
    expect(keysOf(ours.json()).sort()).toEqual(keysOf(recorded.response).sort());
    const octokit = new Octokit({ auth: token, baseUrl: sim.url });
    const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'renamed-old' });
    expect(data.full_name).toBe('acme/renamed-new');
    expect(data.id).toBe(2004);
  });

  it('the API root lists the same URL templates as get-root', async () => {
    const [recorded] = recording('get-root');
    const ours = await simGet(sim.url, '/', { token });
    expect(keysOf(ours.json())).toEqual(keysOf(recorded!.response));
  });

  it('octokit paginates every issue through the Link header, under /api/v3 too', async () => {
    for (const baseUrl of [sim.url, `${sim.url}/api/v3`]) {
      const octokit = new Octokit({ auth: token, baseUrl });
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
        owner: 'acme',
        repo: 'widgets',
        state: 'all',
        per_page: 4,
      });
      expect(issues.map((i) => i.number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 13 }, (_, k) => k + 1),
      );
    }
  });
});
