import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '../../../src/shared/errors.js';

// docs/errors.md is the operator's list of failure codes; it must name exactly the codes we raise.
const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Set([...doc.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((m) => m[1]));

describe('docs/errors.md', () => {
  it('documents every error code', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !documented.has(code));
    expect(missing).toEqual([]);
  });

  it('documents no code that does not exist', () => {
    const stale = [...documented].filter((code) => !(code! in ERROR_CODES));
    expect(stale).toEqual([]);
  });

  it('gives each code the exit code it has in the registry', () => {
    for (const [code, { exitCode }] of Object.entries(ERROR_CODES)) {
      expect(doc).toMatch(new RegExp(`^\\| \`${code}\` +\\| +${exitCode} +\\|`, 'm'));
    }
  });
});
