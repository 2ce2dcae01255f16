import { describe, expect, it } from '@jest/globals';
import { isVitalsError } from '../../../src/shared/errors.js';
import { parseRepoName, sameRepoName } from '../../../src/shared/repo-name.js';

describe('parseRepoName', () => {
  it.each([
    ['octocat/Hello-World', 'octocat', 'Hello-World'],
    ['  octocat/hello-world  ', 'octocat', 'hello-world'],
    ['a/b', 'a', 'b'],
    ['my-org-2/repo.name_x-y', 'my-org-2', 'repo.name_x-y'],
    ['nodejs/node.git', 'nodejs', 'node'],
    ['https://github.com/nodejs/node', 'nodejs', 'node'],
    ['https://github.com/nodejs/node.git', 'nodejs', 'node'],
    ['http://www.github.com/nodejs/node/', 'nodejs', 'node'],
    ['github.com/nodejs/node?tab=readme#top', 'nodejs', 'node'],
    [`${'a'.repeat(39)}/${'b'.repeat(100)}`, 'a'.repeat(39), 'b'.repeat(100)],
    ['o/.github', 'o', '.github'],
    ['o/...', 'o', '...'],
  ])('accepts %j', (input, owner, name) => {
    expect(parseRepoName(input)).toEqual({ owner, name, fullName: `${owner}/${name}` });
  });

  it.each([
    ['', /expected OWNER\/NAME/],
    ['octocat', /expected OWNER\/NAME/],
    ['a/b/c', /expected OWNER\/NAME/],
    ['/name', /owner is empty/],
    ['owner/', /expected OWNER\/NAME|name is empty/],
    ['-octocat/x', /owner "-octocat" may contain only/],
    ['octocat-/x', /owner "octocat-" may contain only/],
    ['octo--cat/x', /owner "octo--cat" may contain only/],
    ['octo_cat/x', /owner "octo_cat" may contain only/],
    ['octo.cat/x', /owner "octo.cat" may contain only/],
    [`${'a'.repeat(40)}/x`, /longer than 39/],
    ['o/.', /name "\." is reserved/],
    ['o/..', /name "\.\." is reserved/],
    ['o/.git', /name is empty/],
    [`o/${'b'.repeat(101)}`, /longer than 100/],
    ['o/na me', /may contain only letters, digits/],
    ['o/naïve', /may contain only letters, digits/],
    ['北京/repo', /owner "北京" may contain only/],
    ['https://gitlab.com/a/b', /expected OWNER\/NAME/],
  ])('rejects %j with a message naming the bad part', (input, message) => {
    let caught: unknown;
    try {
      parseRepoName(input);
    } catch (err) {
      caught = err;
    }
    expect(isVitalsError(caught, 'REPO_NAME_INVALID')).toBe(true);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain(`Invalid repository ${JSON.stringify(input)}`);
  });

  it('shortens absurdly long input in the message', () => {
    expect(() => parseRepoName('x'.repeat(10_000))).toThrow(/…"/);
  });

  it('compares names case-insensitively, as GitHub does', () => {
    expect(sameRepoName('Octocat/Hello-World', 'octocat/hello-world')).toBe(true);
    expect(sameRepoName('octocat/a', 'octocat/b')).toBe(false);
  });
});
