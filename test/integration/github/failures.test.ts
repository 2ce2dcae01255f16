import { afterEach, describe, expect, it } from '@jest/globals';
import { getRepository, graphqlQuery, isGitHubError, paginateRest } from '../../../src/github/index.js';
import { fakeToken } from '../../support/sim-http.js';
import { HISTORY_QUERY, startKit, type HistoryData, type Kit } from './client-kit.js';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function count(pages: AsyncIterable<{ items: unknown[] }>): Promise<number> {
  let n = 0;
  for await (const page of pages) n += page.items.length;
  return n;
}

describe('failures over the simulator', () => {
  it('injected 5xx and dropped connections are retried to success', async () => {
    kit = await startKit({ sim: { faults: { seed: 7, error5xxRate: 0.3, dropRate: 0.1 } } });
    const credential = kit.client.pickCredential('acme/widgets');
    const issues = await count(
      paginateRest(
        kit.client,
        'GET /repos/{owner}/{repo}/issues',
        { owner: 'acme', repo: 'widgets', state: 'all', per_page: 5 },
        { credential },
      ),
    );
    expect(issues).toBe(40);
    const stats = kit.sim.stats();
    const faults = (stats.byStatus['500'] ?? 0) + (stats.byStatus['502'] ?? 0) + (stats.byStatus['503'] ?? 0);
    expect(faults).toBeGreaterThan(0);
    expect(stats.byStatus['dropped']).toBeGreaterThan(0);
    expect(stats.violations.count).toBe(0);
  });

  it('gives up after the bounded attempts with GH_TRANSIENT', async () => {
    kit = await startKit({ sim: { faults: { error5xxRate: 1 } }, options: { maxAttempts: 3 } });
    const credential = kit.client.pickCredential('acme/widgets');
    const error = await getRepository(kit.client, 'acme', 'widgets', { credential }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GH_TRANSIENT', kind: 'retry' });
    expect(kit.sim.stats().requests).toBe(3);
  });

  it('times out a slow request and retries it', async () => {
    kit = await startKit({
      sim: { faults: { latencyMs: 400 } },
      options: { requestTimeoutMs: 100, maxAttempts: 2 },
    });
    const credential = kit.client.pickCredential('acme/widgets');
    const error = await getRepository(kit.client, 'acme', 'widgets', { credential }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GH_TRANSIENT', kind: 'retry' });
    expect(kit.sim.stats().requests).toBe(2);
  });

  it('an aborted shutdown signal stops waiting for the budget at once', async () => {
    const controller = new AbortController();
    kit = await startKit({ sim: { rateLimit: { core: 1, windowSeconds: 600 } }, signal: controller.signal });
    const credential = kit.client.pickCredential('acme/widgets');
    await getRepository(kit.client, 'acme', 'widgets', { credential });
    const pending = getRepository(kit.client, 'acme', 'widgets', { credential });
    setTimeout(() => controller.abort(new Error('shutting down')), 100);
    const started = Date.now();
    await expect(pending).rejects.toThrow('shutting down');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(kit.sim.stats().requests).toBe(1);
  });

  it.each([
    ['gone', 'gone', 'GH_REPOSITORY_GONE'],
    ['blocked', 'blocked', 'GH_REPOSITORY_BLOCKED'],
    ['never-existed', 'gone', 'GH_REPOSITORY_GONE'],
  ])('acme/%s is classified %s', async (name, kind, code) => {
    kit = await startKit();
    const credential = kit.client.pickCredential(`acme/${name}`);
    const error = await getRepository(kit.client, 'acme', name, { credential }).catch((e: unknown) => e);
    expect(isGitHubError(error)).toBe(true);
    expect(error).toMatchObject({ kind, code });
    expect(kit.sim.stats().requests).toBe(1); // answers, not accidents: never retried
  });

  it('an empty repository answers 409 on commits: kind empty', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/empty');
    const lookup = await getRepository(kit.client, 'acme', 'empty', { credential });
    expect(lookup.repository?.full_name).toBe('acme/empty');
    const pages = paginateRest(
      kit.client,
      'GET /repos/{owner}/{repo}/commits',
      { owner: 'acme', repo: 'empty' },
      { credential },
    );
    await expect(count(pages)).rejects.toMatchObject({
      kind: 'empty',
      code: 'GH_REPOSITORY_EMPTY',
      status: 409,
    });
  });

  it('204 No Content on a list (contributors of an empty repository) is a list without items', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/empty');
    const pages = paginateRest(
      kit.client,
      'GET /repos/{owner}/{repo}/contributors',
      { owner: 'acme', repo: 'empty', anon: 1 },
      { credential },
    );
    expect(await count(pages)).toBe(0);
    expect(kit.sim.stats().byStatus['204']).toBe(1);
  });

  it('follows a rename (301) and reports both names', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/renamed-old');
    const lookup = await getRepository(kit.client, 'acme', 'renamed-old', { credential, knownId: 2004 });
    expect(lookup).toMatchObject({
      requested: 'acme/renamed-old',
      fullName: 'acme/renamed-new',
      id: 2004,
      renamed: true,
      idChanged: false,
    });
    const same = await getRepository(kit.client, 'acme', 'widgets', { credential });
    expect(same.renamed).toBe(false);
  });

  it('a rejected token fails with GH_AUTH_FAILED, is taken out of use, and is never shown', async () => {
    const bad = fakeToken('revoked');
    const good = fakeToken('good');
    kit = await startKit({ tokens: [bad, good], sim: { rejectTokens: [bad] } });
    const badFingerprint = kit.client.credentials[0]?.fingerprint as string;
    const error = await getRepository(kit.client, 'acme', 'widgets', { credential: badFingerprint }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'GH_AUTH_FAILED', kind: 'auth' });
    expect(String((error as Error).message)).toContain(badFingerprint);
    expect(JSON.stringify(error)).not.toContain(bad);
    expect(String((error as Error).message)).not.toContain(bad);
    expect(kit.client.isUsable(badFingerprint)).toBe(false);
    // no further request with it, and repositories are pinned to the remaining credential
    const requests = kit.sim.stats().requests;
    await expect(
      getRepository(kit.client, 'acme', 'widgets', { credential: badFingerprint }),
    ).rejects.toMatchObject({ code: 'GH_AUTH_FAILED' });
    expect(kit.sim.stats().requests).toBe(requests);
    expect(kit.client.pickCredential('acme/widgets', badFingerprint)).toBe(
      kit.client.credentials[1]?.fingerprint,
    );
    expect(kit.logs()).toContain('expired or was revoked');
  });
});

describe('GraphQL failures over the simulator', () => {
  it('GraphQL 5xx, dropped connections and timeouts are retried to success', async () => {
    kit = await startKit({ sim: { faults: { seed: 11, error5xxRate: 0.3, dropRate: 0.2 } } });
    const credential = kit.client.pickCredential('acme/widgets');
    for (let i = 0; i < 8; i++) {
      const result = await graphqlQuery<HistoryData>(
        kit.client,
        HISTORY_QUERY,
        { owner: 'acme', name: 'widgets' },
        { credential },
      );
      expect(result.data.repository?.defaultBranchRef.target.history.nodes).toHaveLength(100);
    }
    const stats = kit.sim.stats();
    expect(
      (stats.byStatus['dropped'] ?? 0) +
        (stats.byStatus['500'] ?? 0) +
        (stats.byStatus['502'] ?? 0) +
        (stats.byStatus['503'] ?? 0),
    ).toBeGreaterThan(0);
  });

  it('a GraphQL timeout is retried, then reported as GH_TRANSIENT', async () => {
    kit = await startKit({
      sim: { faults: { latencyMs: 400 } },
      options: { requestTimeoutMs: 100, maxAttempts: 2 },
    });
    const credential = kit.client.pickCredential('acme/widgets');
    await expect(
      graphqlQuery(kit.client, HISTORY_QUERY, { owner: 'acme', name: 'widgets' }, { credential }),
    ).rejects.toMatchObject({
      code: 'GH_TRANSIENT',
    });
    expect(kit.sim.stats().requests).toBe(2);
  });

  it('a missing repository in GraphQL comes back as null data with its NOT_FOUND errors', async () => {
    kit = await startKit();
    const credential = kit.client.pickCredential('acme/widgets');
    await expect(
      graphqlQuery(kit.client, HISTORY_QUERY, { owner: 'acme', name: 'nope' }, { credential }),
    ).resolves.toMatchObject({
      data: { repository: null },
      errors: [expect.objectContaining({ type: 'NOT_FOUND' })],
    });
  });

  it('shutdown aborts a GraphQL request in flight at once', async () => {
    const controller = new AbortController();
    kit = await startKit({ sim: { faults: { latencyMs: 5_000 } }, signal: controller.signal });
    const credential = kit.client.pickCredential('acme/widgets');
    const pending = graphqlQuery(
      kit.client,
      HISTORY_QUERY,
      { owner: 'acme', name: 'widgets' },
      { credential },
    );
    const outcome = pending.then(
      () => 'resolved',
      (err: unknown) => err,
    );
    // abort once GitHub has the request (it answers only after 5 s)
    while (kit.sim.stats().requests === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const abortedAt = Date.now();
    controller.abort(new Error('worker stopping'));
    expect(String(await outcome)).toContain('worker stopping');
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    expect(kit.sim.stats().requests).toBe(1);
  });
});
