import { describe, expect, it } from '@jest/globals';
import { deriveGraphqlUrl, loadConfig } from '../../../config/load-config.js';
import { VitalsError } from '../../../src/shared/errors.js';

describe('loadConfig', () => {
  it('applies the defaults of the environment contract and treats empty variables as unset', () => {
    const config = loadConfig({ env: { DATABASE_URL: '', REDIS_URL: '  ' } });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.dataDir).toBe('./.vitals');
    expect(config.github.apiUrl).toBe('https://api.github.com');
    expect(config.github.graphqlUrl).toBe('https://api.github.com/graphql');
    expect(config.github.tokens).toEqual([]);
    expect(Object.isFrozen(config.github)).toBe(true);
  });

  it('derives the GitHub Enterprise GraphQL endpoint from an /api/v3 base', () => {
    expect(deriveGraphqlUrl('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/graphql');
    expect(loadConfig({ env: { GITHUB_API_URL: 'http://127.0.0.1:9/api/v3/' } }).github.graphqlUrl).toBe(
      'http://127.0.0.1:9/api/graphql',
    );
  });

  it('merges GITHUB_TOKEN and VITALS_GITHUB_TOKENS without duplicates', () => {
    const config = loadConfig({
      env: { GITHUB_TOKEN: 'tok-aaaaaaaa', VITALS_GITHUB_TOKENS: 'tok-aaaaaaaa, tok-bbbbbbbb,' },
    });
    expect(config.github.tokens).toEqual(['tok-aaaaaaaa', 'tok-bbbbbbbb']);
  });

  it('reads the deletion reconciliation settings, 7 days and 100 checks unless configured', () => {
    expect(loadConfig({ env: {} }).reconcile).toEqual({ everyDays: 7, verifyLimit: 100 });
    expect(
      loadConfig({ env: { VITALS_RECONCILE_EVERY_DAYS: '0', VITALS_RECONCILE_VERIFY_LIMIT: '250' } })
        .reconcile,
    ).toEqual({ everyDays: 0, verifyLimit: 250 });
    expect(() => loadConfig({ env: { VITALS_RECONCILE_EVERY_DAYS: 'weekly' } })).toThrow(
      /VITALS_RECONCILE_EVERY_DAYS/,
    );
    expect(() => loadConfig({ env: { VITALS_RECONCILE_VERIFY_LIMIT: '-1' } })).toThrow(
      /VITALS_RECONCILE_VERIFY_LIMIT/,
    );
    expect(() => loadConfig({ env: { VITALS_RECONCILE_EVERY_DAYS: '1.5' } })).toThrow(VitalsError);
  });

  it('fails at boot naming the bad key and the fix', () => {
    const attempt = () => loadConfig({ env: { DATABASE_URL: 'mysql://x' } });
    expect(attempt).toThrow(VitalsError);
    expect(attempt).toThrow(/DATABASE_URL.*postgres:\/\//);
    expect(() => loadConfig({ env: { LOG_LEVEL: 'loud' } })).toThrow(/LOG_LEVEL.*use one of/);
  });
});
