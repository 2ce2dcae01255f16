import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import {
  generateWorld,
  loadSampleWorld,
  loadWorld,
  loadWorldSync,
  saveWorld,
} from '../../../../src/sim/worlds/index.js';
import { isVitalsError } from '../../../../src/shared/errors.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vitals-world-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the load to fail');
}

describe('world directories', () => {
  it('round-trips the sample world exactly (async and sync readers)', async () => {
    const world = loadSampleWorld();
    const target = join(dir, 'sample');
    await saveWorld(world, target);
    // Compared as JSON: the same content, and far faster than a deep toEqual on ~10 MB of objects.
    expect(JSON.stringify(await loadWorld(target))).toBe(JSON.stringify(world));
    expect(JSON.stringify(loadWorldSync(target))).toBe(JSON.stringify(world));
  }, 30_000);

  it('round-trips a generated world with a lean (shared-actor) history', async () => {
    const world = generateWorld({ seed: 2, commitsPerRepo: 3_000, issuesPerRepo: 30, users: 40, lean: true });
    const target = join(dir, 'generated');
    await saveWorld(world, target);
    const loaded = await loadWorld(target);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(world));
    // Loading shares identical author/committer objects again, keeping big worlds small in memory.
    const direct = loaded.repos[0]!.commits.filter((c) => c.committerLogin !== 'web-flow');
    expect(direct.length).toBeGreaterThan(1_000);
    expect(direct.every((c) => c.author === c.committer)).toBe(true);
  }, 30_000);

  it('names the file and line of a malformed record', async () => {
    const target = join(dir, 'broken-line');
    await saveWorld(loadSampleWorld(), target);
    const file = join(target, 'repos/meridian-labs__meridian/issues.jsonl.gz');
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n');
    lines[2] = lines[2]!.replace('"state":"', '"state":"weird-');
    await writeFile(file, gzipSync(lines.join('\n')));
    const err = await rejection(loadWorld(target));
    expect(isVitalsError(err, 'INPUT_INVALID')).toBe(true);
    expect(err.message).toContain('issues.jsonl.gz:3');
    expect(err.message).toContain('"state"');
    expect(() => loadWorldSync(target)).toThrow(/issues\.jsonl\.gz:3/);
  });

  it('reports invalid JSON, a bad offset, a truncated file and a missing manifest clearly', async () => {
    const target = join(dir, 'broken-json');
    await saveWorld(loadSampleWorld(), target);
    const commits = join(target, 'repos/lotus-dev__lotus-rpc/commits.jsonl.gz');
    const lines = gunzipSync(await readFile(commits))
      .toString('utf8')
      .split('\n');
    await writeFile(commits, gzipSync([lines[0], '{"sha": oops', ...lines.slice(2)].join('\n')));
    expect((await rejection(loadWorld(target))).message).toMatch(/commits\.jsonl\.gz:2: invalid JSON/);
    await writeFile(
      commits,
      gzipSync([lines[0], lines[1]!.replace(/\+08:00/, '+15:00'), ...lines.slice(2)].join('\n')),
    );
    expect((await rejection(loadWorld(target))).message).toMatch(
      /commits\.jsonl\.gz:2: .*offset out of range/,
    );
    await writeFile(commits, gzipSync(lines.slice(0, 10).join('\n')));
    expect((await rejection(loadWorld(target))).message).toMatch(
      /commits\.jsonl\.gz: holds 10 records, the manifest says/,
    );
    expect((await rejection(loadWorld(join(dir, 'nowhere')))).message).toMatch(
      /world\.json: file is missing/,
    );
  });

  it('rejects duplicate logins (case-insensitive), naming the line', async () => {
    const world = loadSampleWorld();
    const twin = { ...world.users[5]!, id: 1, login: world.users[5]!.login.toUpperCase() };
    world.users.push(twin);
    const target = join(dir, 'duplicate-login');
    await saveWorld(world, target);
    expect((await rejection(loadWorld(target))).message).toMatch(
      new RegExp(`users\\.jsonl\\.gz:${world.users.length}: duplicate login`),
    );
  });
});
