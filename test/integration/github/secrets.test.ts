import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { getRepository, graphqlQuery, paginateRest } from '../../../src/github/index.js';
import { startKit, type Kit } from './client-kit.js';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

/** Token-shaped values assembled at run time, so no secret-looking literal is committed. */
function runtimeTokens(): string[] {
  const classic = ['gh', 'p_', randomBytes(18).toString('hex').slice(0, 36)].join('');
  const opaque = `opaque-${randomBytes(12).toString('hex')}`;
  return [classic, opaque];
}

function describeError(err: unknown): string {
  const e = err as Error & { details?: unknown };
  return [String(e), e.message, e.stack ?? '', JSON.stringify(e), JSON.stringify(e.details ?? {})].join('\n');
}

describe('secrets', () => {
  it('a failing run never shows a token in logs, errors or return values', async () => {
    const tokens = runtimeTokens();
    kit = await startKit({
      tokens,
      sim: { rejectTokens: [tokens[0] as string], faults: { seed: 3, error5xxRate: 0.3, dropRate: 0.05 } },
      options: { maxAttempts: 2 },
    });
    const [rejected, working] = kit.client.credentials.map((c) => c.fingerprint) as [string, string];
    const seen: string[] = [];
    const attempt = async (work: () => Promise<unknown>) => {
      try {
        seen.push(JSON.stringify(await work()));
      } catch (err) {
        seen.push(describeError(err));
      }
    };
    await attempt(() => getRepository(kit!.client, 'acme', 'widgets', { credential: rejected }));
    await attempt(() => getRepository(kit!.client, 'acme', 'widgets', { credential: rejected }));
    await attempt(() =>
      graphqlQuery(kit!.client, 'query { viewer { login } }', {}, { credential: rejected }),
    );
    for (const name of ['gone', 'blocked', 'empty', 'renamed-old', 'widgets'])
      await attempt(() => getRepository(kit!.client, 'acme', name, { credential: working }));
    await attempt(async () => {
      const pages = [];
      for await (const page of paginateRest(
        kit!.client,
        'GET /repos/{owner}/{repo}/commits',
        { owner: 'acme', repo: 'empty' },
        { credential: working },
      ))
        pages.push(page);
      return pages;
    });
    await attempt(() => graphqlQuery(kit!.client, 'query { nonsense }', {}, { credential: working }));
    seen.push(JSON.stringify(await kit.client.budget()), JSON.stringify(kit.client.credentials));

    const everything = `${kit.logs()}\n${seen.join('\n')}`;
    expect(seen.some((text) => text.includes('GH_AUTH_FAILED'))).toBe(true);
    expect(kit.logs()).toContain(rejected); // the operator is told which credential, by fingerprint
    for (const token of tokens) expect(everything).not.toContain(token);
    // nothing even tried to log a token (redaction is only the safety net)
    expect(kit.logs()).not.toContain('[REDACTED]');
    expect(kit.logs()).not.toMatch(/authorization/i);
  });

  it('unauthenticated use works for REST, warns loudly once, and refuses GraphQL without sending', async () => {
    kit = await startKit({ tokens: [] });
    expect(kit.client.credentials).toEqual([{ fingerprint: 'anonymous', authenticated: false }]);
    const credential = kit.client.pickCredential('acme/widgets');
    const lookup = await getRepository(kit.client, 'acme', 'widgets', { credential });
    expect(lookup.fullName).toBe('acme/widgets');
    const budget = await kit.client.budget();
    expect(budget[0]?.resources).toContainEqual(expect.objectContaining({ resource: 'core', limit: 60 }));
    await expect(
      graphqlQuery(kit.client, 'query { viewer { login } }', {}, { credential }),
    ).rejects.toMatchObject({
      code: 'GH_AUTH_FAILED',
    });
    expect(kit.sim.stats().requests).toBe(1);
    expect(kit.logs().match(/NO GITHUB TOKEN/g)).toHaveLength(1);
  });
});
