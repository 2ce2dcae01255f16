import { afterEach, describe, expect, it } from '@jest/globals';
import { paginateRest } from '../../../src/github/index.js';
import { startKit, type Kit } from './client-kit.js';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function collect<T>(pages: AsyncIterable<{ items: T[]; truncated: boolean; notModified: boolean }>) {
  const items: T[] = [];
  const flags = { pages: 0, truncated: false, notModified: false };
  for await (const page of pages) {
    flags.pages += 1;
    items.push(...page.items);
    flags.truncated ||= page.truncated;
    flags.notModified ||= page.notModified;
  }
  return { items, ...flags };
}

describe('paginateRest over the simulator', () => {
  it('follows Link headers with per_page=100 and streams every commit once', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/widgets');
    const result = await collect(
      paginateRest<{ sha: string }>(
        kit.client,
        'GET /repos/{owner}/{repo}/commits',
        { owner: 'acme', repo: 'widgets' },
        { credential },
      ),
    );
    expect(result.items).toHaveLength(120);
    expect(new Set(result.items.map((c) => c.sha)).size).toBe(120);
    expect(result.pages).toBe(2);
    expect(kit.urls[0]).toContain('per_page=100');
    expect(kit.sim.stats().requests).toBe(2);
    expect(kit.sim.stats().violations.count).toBe(0);
    for (const headers of kit.sentHeaders) {
      expect(headers.get('x-github-api-version')).toBe('2022-11-28');
      expect(headers.get('user-agent')).toMatch(/^oss-vitals /);
      expect(headers.get('x-oss-vitals-estimated-cost')).toBeNull();
    }
  });

  it('never builds page numbers: the next URLs are exactly the Link targets', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/widgets');
    const result = await collect(
      paginateRest<{ number: number }>(
        kit.client,
        'GET /repos/{owner}/{repo}/issues',
        { owner: 'acme', repo: 'widgets', state: 'all', per_page: 10 },
        { credential },
      ),
    );
    expect(result.items.map((i) => i.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(result.pages).toBe(4);
    // pages 2.. were requested at the /repositories/{id}/… URLs the simulator put in Link, not built by us
    expect(kit.urls.slice(1).every((url) => url.includes('/repositories/'))).toBe(true);
  });

  it('a second crawl of an unchanged list answers 304 and costs no primary budget', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/widgets');
    const params = { owner: 'acme', repo: 'widgets' };
    await collect(paginateRest(kit.client, 'GET /repos/{owner}/{repo}/commits', params, { credential }));
    const spentBefore = kit.sim.stats().budgetSpent.core;
    const budgetBefore = (await kit.client.budget())[0]?.resources.find(
      (r) => r.resource === 'core',
    )?.remaining;

    const again = await collect(
      paginateRest(kit.client, 'GET /repos/{owner}/{repo}/commits', params, { credential }),
    );
    expect(again).toMatchObject({ notModified: true, pages: 1, items: [] });
    const stats = kit.sim.stats();
    expect(stats.notModified).toBe(1);
    expect(stats.budgetSpent.core).toBe(spentBefore);
    const budgetAfter = (await kit.client.budget())[0]?.resources.find(
      (r) => r.resource === 'core',
    )?.remaining;
    expect(budgetAfter).toBe(budgetBefore);
  });

  it('saves the ETag only when the caller consumed the last page', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/widgets');
    const params = { owner: 'acme', repo: 'widgets' };
    for await (const page of paginateRest(kit.client, 'GET /repos/{owner}/{repo}/commits', params, {
      credential,
    })) {
      expect(page.items.length).toBeGreaterThan(0);
      break; // the caller failed after the first page
    }
    expect(kit.etagStore.size).toBe(0);
    const again = await collect(
      paginateRest(kit.client, 'GET /repos/{owner}/{repo}/commits', params, { credential }),
    );
    expect(again.notModified).toBe(false);
    expect(again.items).toHaveLength(120);
    expect(kit.etagStore.size).toBe(1);
  });

  it('ends with truncated: true when GitHub refuses a deeper page it linked to (422)', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/widgets');
    const params = { owner: 'acme', repo: 'widgets', state: 'all', per_page: 10 };
    const pages: { items: unknown[]; truncated: boolean }[] = [];
    for await (const page of paginateRest(kit.client, 'GET /repos/{owner}/{repo}/issues', params, {
      credential,
    })) {
      pages.push(page);
      // GitHub starts refusing deep pages while we are paging (its Link still points deeper).
      if (pages.length === 2) kit.sim.configure({ rest: { maxPage: 2 } });
    }
    expect(pages.map((p) => [p.items.length, p.truncated])).toEqual([
      [10, false],
      [10, false],
      [0, true],
    ]);
    expect(kit.sim.stats().byStatus['422']).toBe(1);
    // the list was not seen whole: its ETag is not stored, the next crawl must not get a 304
    expect(kit.etagStore.size).toBe(0);
  });

  it('a 422 on the first page is an error of kind narrow, not a silent end', async () => {
    kit = await startKit({ sim: { rest: { maxPage: 1 } } });
    const credential = kit.client.pickCredential('acme/widgets');
    const pages = paginateRest(
      kit.client,
      'GET /repos/{owner}/{repo}/issues',
      { owner: 'acme', repo: 'widgets', state: 'all', per_page: 10, page: 2 },
      { credential },
    );
    await expect(collect(pages)).rejects.toMatchObject({ kind: 'narrow', code: 'GH_UNEXPECTED' });
  });

  it('works with the GitHub Enterprise layout (/api/v3 and /api/graphql)', async () => {
    kit = await startKit({ prefix: '/api/v3' });
    const credential = kit.client.pickCredential('acme/widgets');
    const result = await collect(
      paginateRest(
        kit.client,
        'GET /repos/{owner}/{repo}/commits',
        { owner: 'acme', repo: 'widgets' },
        { credential },
      ),
    );
    expect(result.items).toHaveLength(120);
    const { data } = await kit.client.graphql<{ repository: { name: string } }>(
      'query Name($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { name } }',
      { owner: 'acme', name: 'widgets' },
      { credential },
    );
    expect(data.repository.name).toBe('widgets');
    expect(
      kit.urls.filter((u) => !u.includes('/graphql')).every((u) => u.startsWith(`${kit?.sim.url}/api/v3/`)),
    ).toBe(true);
    expect(kit.urls.some((u) => u === `${kit?.sim.url}/api/graphql`)).toBe(true);
    // the estimated cost travels to the budget check only, never to GitHub
    expect(kit.sentHeaders.every((h) => h.get('x-oss-vitals-estimated-cost') === null)).toBe(true);
  });
});
