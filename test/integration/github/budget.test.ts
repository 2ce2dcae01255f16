import { afterEach, describe, expect, it } from '@jest/globals';
import { graphqlQuery, isGitHubError } from '../../../src/github/index.js';
import { isVitalsError } from '../../../src/shared/errors.js';
import { HISTORY_QUERY, startKit, type HistoryData, type Kit } from './client-kit.js';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const REPO = { owner: 'acme', repo: 'widgets' };

describe('budget over the simulator', () => {
  it('exhausting a tiny core budget waits for the reset and sends zero requests while exhausted', async () => {
    kit = await startKit({ sim: { rateLimit: { core: 20, graphql: 20, windowSeconds: 3 } } });
    const credential = kit.client.pickCredential('acme/widgets');
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => kit?.client.rest('GET /repos/{owner}/{repo}', REPO, { credential })),
    );
    const elapsedMs = Date.now() - started;
    expect(results.every((r) => r?.status === 200)).toBe(true);
    const stats = kit.sim.stats();
    expect(stats.violations).toEqual({ count: 0, samples: [] });
    expect(stats.requests).toBe(50); // not one refused request
    expect(stats.byStatus['403']).toBeUndefined();
    // 50 requests at 20 per 3 s window need at least two resets
    expect(elapsedMs).toBeGreaterThanOrEqual(6_000);
    expect(kit.logs()).toContain('github budget wait');
  }, 30_000);

  it('a 304 costs no budget, so re-checks go on while the budget is almost gone', async () => {
    kit = await startKit({ sim: { rateLimit: { core: 3, windowSeconds: 60 } } });
    const credential = kit.client.pickCredential('acme/widgets');
    const first = await kit.client.rest('GET /repos/{owner}/{repo}', REPO, { credential, conditional: true });
    await first.saveValidators();
    for (let i = 0; i < 10; i++) {
      const again = await kit.client.rest('GET /repos/{owner}/{repo}', REPO, {
        credential,
        conditional: true,
      });
      expect(again.notModified).toBe(true);
    }
    const stats = kit.sim.stats();
    expect(stats.notModified).toBe(10);
    expect(stats.budgetSpent.core).toBe(1);
    expect(stats.violations.count).toBe(0);
  });

  it('gives up with GH_RATE_LIMITED instead of waiting past maxWaitMs, without sending', async () => {
    kit = await startKit({
      sim: { rateLimit: { core: 2, windowSeconds: 600 } },
      options: { maxWaitMs: 1_000 },
    });
    const credential = kit.client.pickCredential('acme/widgets');
    await kit.client.rest('GET /repos/{owner}/{repo}', REPO, { credential });
    await kit.client.rest('GET /repos/{owner}/{repo}', REPO, { credential });
    const error = await kit.client
      .rest('GET /repos/{owner}/{repo}', REPO, { credential })
      .catch((e: unknown) => e);
    expect(isVitalsError(error, 'GH_RATE_LIMITED')).toBe(true);
    expect(kit.sim.stats().requests).toBe(2);
    const snapshot = await kit.client.budget();
    expect(snapshot[0]?.resources).toContainEqual(
      expect.objectContaining({ resource: 'core', limit: 2, remaining: 0 }),
    );
  });

  it('a GraphQL budget is reserved by estimated cost and never overdrawn', async () => {
    kit = await startKit({ sim: { rateLimit: { core: 100, graphql: 6, windowSeconds: 3 } } });
    const credential = kit.client.pickCredential('acme/widgets');
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 14 }, () =>
        graphqlQuery<HistoryData>(
          kit!.client,
          HISTORY_QUERY,
          { owner: 'acme', name: 'widgets' },
          { credential, estimatedCost: 1 },
        ),
      ),
    );
    expect(
      results.every((r) => r.data.repository?.defaultBranchRef.target.history.nodes.length === 100),
    ).toBe(true);
    expect(results[0]?.rateLimit).toMatchObject({ cost: 1 });
    expect(kit.sim.stats().violations.count).toBe(0);
    expect(kit.sim.stats().budgetSpent.graphql).toBe(14);
    expect(Date.now() - started).toBeGreaterThanOrEqual(6_000);
  }, 30_000);

  it('honours retry-after of a secondary limit: no request before it elapses', async () => {
    kit = await startKit({
      sim: { secondary: { maxConcurrent: 1, retryAfterSeconds: 1 } },
      options: { concurrencyPerCredential: 2 },
    });
    const credential = kit.client.pickCredential('acme/widgets');
    kit.sim.configure({ faults: { latencyMs: 100 } });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => kit?.client.rest('GET /repos/{owner}/{repo}', REPO, { credential })),
    );
    expect(results.every((r) => r?.status === 200)).toBe(true);
    const stats = kit.sim.stats();
    expect(stats.byStatus['403']).toBeGreaterThanOrEqual(1); // the limit was hit …
    expect(stats.violations.count).toBe(0); // … and nothing was sent inside its retry-after
    expect(kit.logs()).toContain('github rate limited, waiting');
  }, 30_000);

  it('paces secondary points per minute so the limit is never hit', async () => {
    kit = await startKit({
      sim: { secondary: { restPointsPerMinute: 5, retryAfterSeconds: 60 } },
      options: { pointsPerMinute: { rest: 5, graphql: 2_000 }, maxWaitMs: 2_000 },
    });
    const credential = kit.client.pickCredential('acme/widgets');
    for (let i = 0; i < 5; i++) await kit.client.rest('GET /repos/{owner}/{repo}', REPO, { credential });
    const error = await kit.client
      .rest('GET /repos/{owner}/{repo}', REPO, { credential })
      .catch((e: unknown) => e);
    expect(isVitalsError(error, 'GH_RATE_LIMITED')).toBe(true);
    expect(isGitHubError(error)).toBe(false);
    const stats = kit.sim.stats();
    expect(stats.requests).toBe(5);
    expect(stats.byStatus['403']).toBeUndefined();
  });
});

describe('a budget spent behind our back (another program on the same token)', () => {
  it.each([
    ['REST', 'core'],
    ['GraphQL', 'graphql'],
  ])(
    '%s: one refused request, then a wait for the reset, then success',
    async (api) => {
      kit = await startKit({ sim: { rateLimit: { core: 3, graphql: 3, windowSeconds: 3 } } });
      const credential = kit.client.pickCredential('acme/widgets');
      const token = kit.tokens[0] as string;
      // the other program spends the whole window
      for (let i = 0; i < 3; i++) {
        if (api === 'REST') {
          await fetch(`${kit.sim.url}/repos/acme/widgets`, { headers: { authorization: `token ${token}` } });
        } else {
          await fetch(`${kit.sim.url}/graphql`, {
            method: 'POST',
            headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ query: HISTORY_QUERY, variables: { owner: 'acme', name: 'widgets' } }),
          });
        }
      }
      const started = Date.now();
      if (api === 'REST') {
        const result = await kit.client.rest('GET /repos/{owner}/{repo}', REPO, { credential });
        expect(result.status).toBe(200);
      } else {
        const result = await graphqlQuery<HistoryData>(
          kit.client,
          HISTORY_QUERY,
          { owner: 'acme', name: 'widgets' },
          { credential },
        );
        expect(result.data.repository).not.toBeNull();
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      const stats = kit.sim.stats();
      expect(stats.violations.count).toBe(1); // our blind first request, and not one more
      expect(stats.requests).toBe(5);
      expect(kit.logs()).toContain('github primary rate limit hit');
    },
    20_000,
  );
});
