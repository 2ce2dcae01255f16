import { describe, expect, it } from '@jest/globals';
import { parseContributorSignals } from '../../../src/geo/parse-contributor-signals.js';

describe('parseContributorSignals (vitals geo locate input)', () => {
  it('accepts every documented field, all optional, null as absent, unknown fields ignored', () => {
    const parsed = parseContributorSignals({
      login: 'a',
      location: 'Berlin',
      company: null,
      email: 'a@b.de',
      commitEmails: ['c@d.cn'],
      tzOffsets: { '+01:00': 3 },
      somethingElse: 1,
    });
    expect(parsed).toEqual({
      ok: true,
      signals: {
        login: 'a',
        location: 'Berlin',
        email: 'a@b.de',
        commitEmails: ['c@d.cn'],
        tzOffsets: { '+01:00': 3 },
      },
    });
    expect(parseContributorSignals({})).toEqual({ ok: true, signals: {} });
  });

  it.each([
    [{ location: 5 }, /^location:/],
    [{ commitEmails: 'a@b.c' }, /^commitEmails:/],
    [{ tzOffsets: { '+08:00': 'many' } }, /^tzOffsets\.\+08:00:/],
    [{ tzOffsets: { '+08:00': -1 } }, /^tzOffsets/],
    [[1, 2], /^line:/],
    [null, /^line:/],
    ['text', /^line:/],
  ])('rejects %j naming the bad field', (value, message) => {
    const parsed = parseContributorSignals(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('cuts hostile sizes', () => {
    const parsed = parseContributorSignals({
      location: 'x'.repeat(1e6),
      commitEmails: Array(10_000).fill('a@b.c'),
    });
    expect(parsed.ok && parsed.signals.location?.length).toBe(1000);
    expect(parsed.ok && parsed.signals.commitEmails?.length).toBe(200);
  });
});
