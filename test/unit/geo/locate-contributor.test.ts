import { describe, expect, it } from '@jest/globals';
import type { ContributorSignals, GeoMode } from '../../../src/geo/geo.types.js';
import { locateContributor } from '../../../src/geo/locate-contributor.js';

const locate = (input: ContributorSignals, mode: GeoMode = 'mainland') => locateContributor(input, mode);

describe('commit UTC offsets', () => {
  it('+08:00 alone is ambiguous (CN, HK, MO, TW, SG, MY, PH, Perth): no decision', () => {
    const result = locate({ tzOffsets: { '+08:00': 200 } });
    expect(result.region).toBe('UNKNOWN');
    expect(result.conflict).toBe(false);
    expect(result.confidence).toBeLessThan(0.8);
  });

  it.each([
    ['US Eastern with daylight saving', { '-05:00': 30, '-04:00': 25 }],
    ['Central Europe with daylight saving', { '+01:00': 30, '+02:00': 20 }],
    ['India, far from +08:00', { '+05:30': 40 }],
  ])('%s is strong evidence against China', (_name, tzOffsets) => {
    const result = locate({ tzOffsets });
    expect(result.region).toBe('OTHER');
    expect(result.signals[0]?.evidence).toMatch(/China explains 0%/);
  });

  it('says so when it sees a daylight-saving pair (China has none)', () => {
    expect(locate({ tzOffsets: { '-05:00': 30, '-04:00': 25 } }).signals[0]?.evidence).toMatch(/daylight/);
  });

  it('a few commits are not enough to decide', () => {
    expect(locate({ tzOffsets: { '-05:00': 2 } }).region).toBe('UNKNOWN');
  });

  it('+00:00 alone (CI, git-svn imports, UTC machines) is not counted', () => {
    const result = locate({ tzOffsets: { '+00:00': 500 } });
    expect(result.region).toBe('UNKNOWN');
    expect(result.signals[0]?.weight).toBe(0);
  });

  it('+00:00 next to other offsets is set aside rather than read as Europe', () => {
    const result = locate({ tzOffsets: { '+00:00': 100, '+08:00': 20 }, email: 'me@qq.com' });
    expect(result.region).toBe('CN');
  });

  it('reads Z and UTC as +00:00', () => {
    expect(locate({ tzOffsets: { Z: 5, UTC: 5 } }).signals[0]?.value).toBe('+00:00×10');
  });

  it('accepts ±HHMM and ignores garbage keys and counts', () => {
    const result = locate({
      tzOffsets: { '-0500': 30, '-0400': 30, nonsense: 5, '+99:00': 4, '+03:00': -3 },
    });
    expect(result.region).toBe('OTHER');
    expect(result.signals[0]?.value).toBe('-05:00×30 -04:00×30');
  });
});

describe('email and web domains', () => {
  it('Chinese webmail plus +08:00 decides CN; either alone does not', () => {
    expect(locate({ email: 'someone@qq.com', tzOffsets: { '+08:00': 30 } }).region).toBe('CN');
    expect(locate({ email: 'someone@qq.com' }).region).toBe('UNKNOWN');
    expect(locate({ commitEmails: ['a@163.com'], tzOffsets: { '+08:00': 30 } }).region).toBe('CN');
  });

  it('a mainland university (.edu.cn, .ac.cn) plus +08:00 decides CN', () => {
    expect(locate({ email: 'x@mails.tsinghua.edu.cn', tzOffsets: { '+08:00': 20 } }).country).toBe('CN');
    expect(locate({ email: 'x@iscas.ac.cn', tzOffsets: { '+08:00': 20 } }).region).toBe('CN');
  });

  it('a Taiwanese university plus +08:00 decides TW, not CN', () => {
    expect(locate({ email: 'x@ntu.edu.tw', tzOffsets: { '+08:00': 20 } }).region).toBe('TW');
  });

  it.each([
    ['x@example.de', 'DE'],
    ['x@example.co.uk', 'GB'],
    ['x@example.com.au', 'AU'],
    ['x@example.co.jp', 'JP'],
  ])('country domain %s → %s', (email, country) => {
    const signal = locate({ email }).signals[0];
    expect(signal).toMatchObject({ kind: 'email', country });
    expect(signal?.weight).toBeGreaterThan(0);
  });

  it.each(['x@gmail.com', 'x@startup.io', 'x@thing.ai', '1234+me@users.noreply.github.com', 'x@example.com'])(
    '%s says nothing about place',
    (email) => {
      const result = locate({ email });
      expect(result.region).toBe('UNKNOWN');
      expect(result.signals.every((s) => s.weight === 0)).toBe(true);
    },
  );

  it('a company domain is weak: a global firm says little on its own', () => {
    const result = locate({ email: 'x@alibaba-inc.com' });
    expect(result.region).toBe('UNKNOWN');
    expect(result.signals[0]?.country).toBe('CN');
  });

  it('a blog on a Chinese writing platform counts like Chinese webmail', () => {
    const result = locate({ blog: 'https://blog.csdn.net/someone', tzOffsets: { '+08:00': 30 } });
    expect(result.region).toBe('CN');
    expect(result.signals.find((s) => s.kind === 'blog')).toMatchObject({
      value: 'blog.csdn.net',
      country: 'CN',
    });
    expect(locate({ blog: 'someone.github.io' }).signals[0]?.weight).toBe(0);
  });

  it('a blog on a country domain is a weak hint', () => {
    const signal = locate({ blog: 'https://blog.example.cn/about' }).signals[0];
    expect(signal).toMatchObject({ kind: 'blog', value: 'blog.example.cn', country: 'CN' });
  });
});

describe('company field', () => {
  it('"@alibaba" / "Tencent" / "ByteDance" lean CN but never decide alone', () => {
    for (const company of ['@alibaba', 'Tencent', 'ByteDance']) {
      const result = locate({ company });
      expect(result.signals[0]?.country).toBe('CN');
      expect(result.region).toBe('UNKNOWN');
    }
  });

  it('"@microsoft" gives no signal', () => {
    expect(locate({ company: '@microsoft' }).signals[0]?.weight).toBe(0);
  });

  it('does not double count with the email of the same employer (one group)', () => {
    const result = locate({ company: '@alibaba', email: 'x@alibaba-inc.com', tzOffsets: { '+08:00': 30 } });
    const counted = result.signals.filter((s) => s.kind !== 'tz-offset' && s.weight > 0);
    expect(counted).toHaveLength(1);
    expect(result.signals.some((s) => /not counted/.test(s.evidence))).toBe(true);
  });
});

describe('combining and conflicts', () => {
  it('location beats offsets, but a conflict is flagged and lowers confidence', () => {
    const agree = locate({ location: 'Beijing', tzOffsets: { '+08:00': 40 } });
    const clash = locate({ location: 'Beijing', tzOffsets: { '-05:00': 30, '-04:00': 25 } });
    expect(agree).toMatchObject({ region: 'CN', conflict: false });
    expect(clash).toMatchObject({ region: 'CN', conflict: true });
    expect(clash.confidence).toBeLessThan(agree.confidence);
  });

  it('conflicting weak signals stay UNKNOWN but are distinguishable from no evidence', () => {
    const conflicting = locate({
      email: 'x@qq.com',
      tzOffsets: { '+01:00': 3, '+02:00': 2 },
      company: 'Tencent',
    });
    const empty = locate({});
    expect(empty).toMatchObject({ region: 'UNKNOWN', conflict: false, confidence: 0, signals: [] });
    expect(conflicting.signals.length).toBeGreaterThan(0);
    expect(conflicting.conflict || conflicting.confidence > 0).toBe(true);
  });

  it('Taipei with +08:00 stays TW; webmail from the mainland against a Taiwanese location is a conflict', () => {
    expect(locate({ location: 'Taipei', tzOffsets: { '+08:00': 30 } })).toMatchObject({
      region: 'TW',
      conflict: false,
    });
    expect(locate({ location: '台北', email: 'x@qq.com' })).toMatchObject({ region: 'TW', conflict: true });
  });

  it('an operator override wins over everything', () => {
    const result = locate({ override: 'hk', location: 'Beijing', email: 'x@qq.com' });
    expect(result).toMatchObject({ country: 'HK', region: 'HK', confidence: 1, conflict: false });
    expect(result.signals).toEqual([expect.objectContaining({ kind: 'override', country: 'HK' })]);
  });

  it('an override that is not an ISO code is ignored', () => {
    expect(locate({ override: 'Mars', location: 'Beijing' }).signals[0]?.kind).toBe('location');
  });

  it('keeps the login and never reads personal names', () => {
    const result = locate({ login: 'wang-wei', location: 'Berlin' } as ContributorSignals);
    expect(result).toMatchObject({ login: 'wang-wei', country: 'DE', region: 'OTHER' });
    expect(locate({ login: 'li-na' }).region).toBe('UNKNOWN');
  });
});

describe('modes fold Hong Kong, Macao and Taiwan into China on request', () => {
  it.each([
    ['Hong Kong', 'mainland', 'HK'],
    ['Hong Kong', 'greater-china-hkmo', 'CN'],
    ['Hong Kong', 'greater-china', 'CN'],
    ['Macao', 'greater-china-hkmo', 'CN'],
    ['Taipei', 'mainland', 'TW'],
    ['Taipei', 'greater-china-hkmo', 'TW'],
    ['Taipei', 'greater-china', 'CN'],
    ['Berlin', 'greater-china', 'OTHER'],
  ] as const)('%s in %s mode → region %s (country stays factual)', (location, mode, region) => {
    const result = locate({ location }, mode);
    expect(result.region).toBe(region);
    expect(result.country).not.toBe('CN');
  });

  it('a greater-China mode can decide what mainland mode cannot (Chinese webmail, +08:00, Taiwanese blog)', () => {
    const input = { email: 'x@qq.com', blog: 'https://me.example.tw', tzOffsets: { '+08:00': 40 } };
    expect(locate(input, 'greater-china').region).toBe('CN');
  });
});
