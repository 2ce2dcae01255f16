import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/**
 * GitHub's real public schema, from npm `@octokit/graphql-schema`, built once on first use.
 *
 * We build from the package's `schema.json` (an introspection result) rather than `schema.graphql`:
 * the SDL file of 15.26 defines `EnterpriseOwnerInfo.repositoryDeployKeySetting` twice, which
 * graphql 16's `buildSchema` rejects. The package exports only its ESM entry (which parses the
 * JSON eagerly at import), so we locate the file through Node's module lookup paths and read it
 * synchronously: `cost()` is synchronous and needs the schema too. `assumeValid`: the published
 * schema is valid, and checking all of its types took ~40 ms on the first query.
 */
let cached: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  cached ??= buildClientSchema(readSchemaJson().data, { assumeValid: true });
  return cached;
}

function readSchemaJson(): { data: IntrospectionQuery } {
  const require = createRequire(import.meta.url);
  const lookupDirs = require.resolve.paths('@octokit/graphql-schema') ?? [];
  for (const dir of lookupDirs) {
    const file = join(dir, '@octokit', 'graphql-schema', 'schema.json');
    if (existsSync(file)) {
      return { data: JSON.parse(readFileSync(file, 'utf8')) as IntrospectionQuery };
    }
  }
  throw new Error('OSS Vitals simulator: @octokit/graphql-schema/schema.json not found (run npm ci)');
}
