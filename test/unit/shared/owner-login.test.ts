import { describe, expect, it } from '@jest/globals';
import { isVitalsError } from '../../../src/shared/errors.js';
import { parseOwnerLogin } from '../../../src/shared/repo-name.js';

describe('parseOwnerLogin (vitals repo add --org)', () => {
  it.each(['a', 'acme', 'Apache', 'open-telemetry', 'a1-b2-c3', 'x'.repeat(39), '  padded  '])(
    'accepts %j',
    (login) => {
      expect(parseOwnerLogin(login)).toBe(login.trim());
    },
  );

  it.each([
    ['', 'the name is empty'],
    ['x'.repeat(40), 'longer than 39 characters'],
    ['bad_org', 'single hyphens'],
    ['a--b', 'single hyphens'],
    ['-lead', 'single hyphens'],
    ['trail-', 'single hyphens'],
    ['acme/widgets', 'single hyphens'],
    ['ünïcode', 'single hyphens'],
  ])('refuses %j with INPUT_INVALID (exit code 2)', (login, reason) => {
    let caught: unknown;
    try {
      parseOwnerLogin(login);
    } catch (err) {
      caught = err;
    }
    expect(isVitalsError(caught, 'INPUT_INVALID')).toBe(true);
    expect((caught as Error).message).toContain(reason);
    expect(isVitalsError(caught) && caught.exitCode).toBe(2);
  });
});
