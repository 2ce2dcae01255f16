import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { loadGitHistoryWorld } from '../../../../src/sim/worlds/index.js';
import { isVitalsError } from '../../../../src/shared/errors.js';

// The shared data sits beside the checkout (../shared/data/git); a fresh machine does not have it.
const GIT_DIR = fileURLToPath(new URL('../../../../../shared/data/git/', import.meta.url));
const FILES = { 'vitejs/vite': 9_620, 'apache/dubbo': 8_140, 'sveltejs/svelte': 11_342 };
const paths = Object.keys(FILES).map((name) => `${GIT_DIR}${name.replace('/', '__')}.jsonl.gz`);
const present = paths.every((path) => existsSync(path));
if (!present) console.warn(`Skipping the git history loader tests: ${GIT_DIR} is absent on this machine.`);
const describeIfData = present ? describe : describe.skip;

/** Every line's sha and both dates, as written in the file. */
async function rawDates(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path).pipe(createGunzip()) })) {
    const raw = JSON.parse(line) as { sha: string; author: { date: string }; committer: { date: string } };
    out.push(`${raw.sha} ${raw.author.date} ${raw.committer.date}`);
  }
  return out;
}

describe('loadGitHistoryWorld without data', () => {
  it('fails clearly when a file is absent', async () => {
    await expect(loadGitHistoryWorld(['/nonexistent/owner__name.jsonl.gz'])).rejects.toThrow(
      /Git history file not found/,
    );
    const err = await loadGitHistoryWorld(['/nonexistent/owner__name.jsonl.gz']).catch((e: unknown) => e);
    expect(isVitalsError(err, 'INPUT_INVALID')).toBe(true);
  });
});

describeIfData('loadGitHistoryWorld on ../shared/data/git', () => {
  it('loads every commit with original offsets, linking only noreply authors', async () => {
    const world = await loadGitHistoryWorld(paths);
    expect(world.repos.map((r) => [`${r.owner}/${r.name}`, r.commits.length])).toEqual(Object.entries(FILES));
    const dubbo = world.repos[1]!;
    expect(dubbo.defaultBranch).toBe('3.3');
    expect(dubbo.commits.filter((c) => c.parents.length === 0)).toHaveLength(2);
    // The git-svn import keeps its fake +00:00 offsets untouched.
    expect(dubbo.commits.at(-1)?.author.date).toBe('2011-10-20T15:04:29+00:00');
    for (const [index, path] of paths.entries()) {
      const loaded = world.repos[index]!.commits.map((c) => `${c.sha} ${c.author.date} ${c.committer.date}`);
      // Joined, so a mismatch prints compactly and the comparison stays fast.
      expect(loaded.join('\n')).toBe((await rawDates(path)).join('\n'));
    }
    const vite = world.repos[0]!;
    expect(vite.commits.filter((c) => c.authorLogin !== null)).toHaveLength(2_055);
    expect(vite.commits.reduce((sum, c) => sum + c.additions, 0)).toBe(624_428);
    expect(world.repos[2]!.commits.every((c) => c.additions === 0 && c.changedFiles === 0)).toBe(true);
    const logins = new Set(world.users.map((u) => u.login));
    const commits = world.repos.flatMap((r) => r.commits);
    expect(commits.filter((c) => c.authorLogin !== null && !logins.has(c.authorLogin))).toEqual([]);
    expect(
      commits.filter(
        (c) => c.authorLogin !== null && !c.author.email.toLowerCase().endsWith('@users.noreply.github.com'),
      ),
    ).toEqual([]);
    expect(world.users.find((u) => u.login === 'dependabot[bot]')?.type).toBe('Bot');
    expect(world.users.every((u) => u.location === null && u.trueCountry === null)).toBe(true);
    expect(new Set(world.users.map((u) => u.id)).size).toBe(world.users.length);
  });

  it('synthesizes merged pull requests from the numbers commit subjects carry', async () => {
    const world = await loadGitHistoryWorld([paths[0] as string], { synthesizePullRequests: true });
    const vite = world.repos[0]!;
    // 6,548 subjects name a pull request; 6,512 distinct numbers (reverts and cherry-picks repeat some).
    expect(vite.issues).toHaveLength(6_512);
    expect(
      vite.issues.every((i) => i.pullRequest?.merged && i.createdAt < (i.pullRequest.mergedAt as string)),
    ).toBe(true);
    expect(new Set(vite.issues.map((i) => i.id)).size).toBe(vite.issues.length);
    const head = vite.commits[0]!;
    const pull = vite.issues.find((i) => head.message.endsWith(`(#${i.number})`));
    expect(pull?.title).toBe(head.message.replace(/\s*\(#\d+\)$/, ''));
    expect(pull?.pullRequest?.mergedAt).toBe(
      new Date(head.committer.date).toISOString().replace('.000Z', 'Z'),
    );
    expect((await loadGitHistoryWorld([paths[0] as string])).repos[0]?.issues).toHaveLength(0);
  });
});
