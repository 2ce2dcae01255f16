import { describe, expect, it } from '@jest/globals';
import { fingerprintOf } from '../../../src/github/credential.js';
import { pickCredentialFor } from '../../../src/github/pick-credential.js';

const fingerprints = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc', 'dddddddddddd'];
const repos = Array.from({ length: 2_000 }, (_, i) => `owner${i % 37}/repo-${i}`);

describe('pickCredentialFor', () => {
  it('is stable and independent of the order of credentials', () => {
    const reversed = [...fingerprints].reverse();
    for (const repo of repos.slice(0, 200)) {
      expect(pickCredentialFor(repo, fingerprints)).toBe(pickCredentialFor(repo, reversed));
      expect(pickCredentialFor(repo, fingerprints)).toBe(pickCredentialFor(repo, fingerprints));
    }
  });

  it('spreads repositories over credentials roughly evenly', () => {
    const counts = new Map<string, number>();
    for (const repo of repos) {
      const picked = pickCredentialFor(repo, fingerprints) as string;
      counts.set(picked, (counts.get(picked) ?? 0) + 1);
    }
    for (const fingerprint of fingerprints) expect(counts.get(fingerprint)).toBeGreaterThan(400);
  });

  it('adding a credential moves only the repositories that now hash to it', () => {
    const grown = [...fingerprints, 'eeeeeeeeeeee'];
    let moved = 0;
    for (const repo of repos) {
      const before = pickCredentialFor(repo, fingerprints);
      const after = pickCredentialFor(repo, grown);
      if (before !== after) {
        moved += 1;
        expect(after).toBe('eeeeeeeeeeee');
      }
    }
    expect(moved).toBeGreaterThan(200);
    expect(moved).toBeLessThan(600);
  });

  it('keeps the stored (preferred) credential while it is usable, else re-picks', () => {
    expect(pickCredentialFor('o/r', fingerprints, 'cccccccccccc')).toBe('cccccccccccc');
    expect(pickCredentialFor('o/r', fingerprints, 'gone00000000')).toBe(
      pickCredentialFor('o/r', fingerprints),
    );
    expect(pickCredentialFor('o/r', [])).toBeUndefined();
  });

  it('fingerprints are 12 hex digits of sha256, the same the simulator shows', () => {
    expect(fingerprintOf('abc')).toBe('ba7816bf8f01');
  });
});
