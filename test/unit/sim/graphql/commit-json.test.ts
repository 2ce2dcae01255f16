import { describe, expect, it } from '@jest/globals';
import { HISTORY_QUERY } from '../../../../src/crawl/crawl-commits.stage.js';
import { compileCommitJson, type SelectedField } from '../../../../src/sim/graphql/commit-json.js';
import { executeQuery } from '../../../../src/sim/graphql/graphql-engine.js';
import { NodeCache } from '../../../../src/sim/graphql/index.js';
import { jsonBytes } from '../../../../src/sim/json-bytes.js';
import { generateWorld } from '../../../../src/sim/worlds/index.js';
import type { World } from '../../../../src/sim/world.js';
import { rateLimitView } from './world-fixture.js';

// History pages write commits through direct writers (commit-json.ts) when the selection allows:
// the bytes must be those graphql-js gives for the same query, page after page — first of all for
// the query the crawler really sends.
const HISTORY = HISTORY_QUERY;

const ALIASED = `query H($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { defaultBranchRef { target { ... on Commit {
    history(first: 60) { nodes {
      __typename sha: oid short: abbreviatedOid message messageHeadline
      p: parents { n: totalCount totalCount }
      who: author { __typename date name user { __typename id: databaseId login } }
      ...More
    } }
  } } } } }
  fragment More on Commit { oid committer { email user { login } } }`;

/** Not covered by the writers (an argument, an unmodelled field): the generic executor answers. */
const UNCOVERED = `query H($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { defaultBranchRef { target { ... on Commit {
    history(first: 30) { nodes { oid parents(first: 1) { totalCount nodes { oid } } authoredDate } }
  } } } } }`;

function world(): World {
  const w = generateWorld({
    seed: 7,
    repos: 1,
    commitsPerRepo: 250,
    issuesPerRepo: 5,
    commentsPerIssue: 1,
    users: 40,
  });
  const commits = w.repos[0]!.commits;
  commits[3]!.message = 'Fix the parser\n\nLonger explanation';
  commits[4]!.message = 'Überarbeitung des Parsers — 修正\r\nbody';
  commits[5]!.message = 'tab\there, "quotes" and \\ backslash';
  return w;
}

async function pages(query: string, w: World, fastPath: boolean): Promise<string[]> {
  const repo = w.repos[0]!;
  const nodes = new NodeCache(50_000).use('g1');
  const out: string[] = [];
  let after: string | null = null;
  do {
    const result = await executeQuery(
      query,
      { owner: repo.owner, name: repo.name, after },
      { world: w, rateLimit: rateLimitView, ...(fastPath ? { nodes } : {}) },
      { fastPath },
    );
    out.push(jsonBytes(result).toString('utf8'));
    type Page = { pageInfo?: { hasNextPage: boolean; endCursor: string } };
    type Data = { repository?: { defaultBranchRef?: { target?: { history?: Page } } } };
    const history = (JSON.parse(out.at(-1)!) as { data?: Data }).data?.repository?.defaultBranchRef?.target
      ?.history;
    after = history?.pageInfo?.hasNextPage ? history.pageInfo.endCursor : null;
  } while (after !== null);
  return out;
}

describe('direct commit writers', () => {
  it.each([
    ['the crawler history query', HISTORY],
    ['aliases, __typename, merged fragments', ALIASED],
    ['a selection they do not cover', UNCOVERED],
  ])('%s: same bytes as graphql-js', async (_name, query) => {
    const w = world();
    // Twice with the fast path: the second time from the node cache.
    const fast = await pages(query, w, true);
    expect(await pages(query, w, true)).toEqual(fast);
    expect(fast).toEqual(await pages(query, w, false));
  });

  it('values the scalars refuse go to graphql-js (errors), names and emails may be null', async () => {
    const w = world();
    const commits = w.repos[0]!.commits;
    commits[150]!.additions = 2 ** 40;
    commits[1]!.author = {
      ...commits[1]!.author,
      name: null as unknown as string,
      email: 'é "quoted" \u2028',
    };
    commits[2]!.message = 'lone \ud800 surrogate\nsecond line';
    const fast = await pages(HISTORY, w, true);
    expect(fast).toEqual(await pages(HISTORY, w, false));
    expect(fast[0]).not.toContain('"errors"');
    expect(fast[1]).toContain('"errors"');
  });

  it('cover the crawler selection and refuse unmodelled fields and arguments', () => {
    const leaf = (fieldName: string, hasArguments = false): SelectedField => ({
      keyJson: `"${fieldName}":`,
      fieldName,
      hasArguments,
      subFields: undefined,
    });
    const object = (fieldName: string, sub: SelectedField[]): SelectedField => ({
      ...leaf(fieldName),
      subFields: () => sub,
    });
    const user = object('user', [leaf('login'), leaf('databaseId')]);
    const actor = [leaf('name'), leaf('email'), leaf('date'), user];
    const crawler = [
      leaf('oid'),
      leaf('messageHeadline'),
      leaf('additions'),
      leaf('deletions'),
      object('parents', [leaf('totalCount')]),
      object('author', actor),
      object('committer', actor),
    ];
    expect(compileCommitJson(crawler)).toBeInstanceOf(Function);
    expect(compileCommitJson([...crawler, leaf('authoredDate')])).toBeUndefined();
    expect(compileCommitJson([leaf('oid'), leaf('additions', true)])).toBeUndefined();
    expect(compileCommitJson([object('author', [object('user', [leaf('name')])])])).toBeUndefined();
  });
});
