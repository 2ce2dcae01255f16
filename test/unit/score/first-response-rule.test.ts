import { describe, expect, it } from '@jest/globals';
import { findFirstResponseAt } from '../../../src/score/first-response-rule.js';

describe('findFirstResponseAt (the rule the store applies)', () => {
  it.each([
    ['no candidates', [], null],
    ['only the author', [{ at: 5, authorKey: 'amy', isBot: false }], null],
    ['only a bot', [{ at: 5, authorKey: 'stale[bot]', isBot: true }], null],
    [
      'the earliest other human',
      [
        { at: 9, authorKey: 'bo', isBot: false },
        { at: 3, authorKey: 'amy', isBot: false },
        { at: 2, authorKey: 'ci[bot]', isBot: true },
        { at: 7, authorKey: 'cy', isBot: false },
      ],
      7,
    ],
    ['a reply dated before creation counts from creation', [{ at: 0, authorKey: 'bo', isBot: false }], 1],
  ])('%s', (_, candidates, expected) => {
    expect(findFirstResponseAt('amy', 1, candidates)).toBe(expected);
  });
});
