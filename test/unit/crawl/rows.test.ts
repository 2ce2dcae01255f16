import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BOT_LOGINS, isBot } from '../../../src/crawl/is-bot.js';
import { cleanText, toDateOrNull } from '../../../src/crawl/rows/clean-text.js';
import { commitRow } from '../../../src/crawl/rows/commit.rows.js';
import { contributorRow } from '../../../src/crawl/rows/contributor.rows.js';
import { issueCommentRow, reviewCommentRow, reviewRow } from '../../../src/crawl/rows/discussion.rows.js';
import { instantMs, parseGitTimestamp } from '../../../src/crawl/rows/git-timestamp.js';
import { issueRow } from '../../../src/crawl/rows/issue.rows.js';
import { userProfile, userReference, userReferences } from '../../../src/crawl/rows/user.rows.js';

const rules = { botLogins: DEFAULT_BOT_LOGINS };

describe('parseGitTimestamp', () => {
  it.each([
    ['2024-06-27T13:04:09+08:00', '2024-06-27T05:04:09.000Z', 480],
    ['2024-06-27T13:04:09-07:00', '2024-06-27T20:04:09.000Z', -420],
    ['2024-06-27T13:04:09+05:45', '2024-06-27T07:19:09.000Z', 345],
    ['2024-06-27T13:04:09Z', '2024-06-27T13:04:09.000Z', 0],
    ['2024-01-01T00:30:00-09:30', '2024-01-01T10:00:00.000Z', -570],
  ])('%s → %s, offset %i min', (input, instant, offset) => {
    const parsed = parseGitTimestamp(input);
    expect(parsed?.at.toISOString()).toBe(instant);
    expect(parsed?.utcOffsetMinutes).toBe(offset);
  });

  it('rejects what is not a date', () => {
    expect(parseGitTimestamp('yesterday')).toBeUndefined();
    expect(parseGitTimestamp('')).toBeUndefined();
  });
});

describe('instants read digit by digit', () => {
  const odd = [
    '2024-02-29T12:00:00Z',
    '2023-02-29T12:00:00Z',
    '2023-02-30T00:00:00Z',
    '2023-04-31T23:59:59Z',
    '2023-01-01T24:00:00Z',
    '2023-01-01T23:60:00Z',
    '2023-01-01T23:59:60Z',
    '2023-13-01T00:00:00Z',
    '2023-00-01T00:00:00Z',
    '2023-01-00T00:00:00Z',
    '0099-12-31T23:59:59Z',
    '0100-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1969-12-31T23:59:59Z',
    '2023-01-01T00:00:00z',
    '2023-01-01t00:00:00Z',
    '2023-01-01T00:00:00.123Z',
    ' 2023-01-01T00:00:00Z',
    '2023-01-01T00:00:00Z ',
    '2023-01-01 00:00:00Z',
    '2023-1-01T00:00:00Z',
    '2023-01-01T00:00:00',
    '2023-01-01T00:00:0aZ',
    '2023-01-01T10:00:00+14:00',
    '2023-01-01T10:00:00+14:01',
    '2023-01-01T10:00:00-14:00',
    '2023-01-01T10:00:00+23:59',
    '2023-01-01T10:00:00+24:00',
    '2023-01-01T10:00:00+05:60',
    '2023-01-01T10:00:00-00:00',
    '2023-01-01T10:00:00+0800',
    '2023-01-01T10:00:00*08:00',
    '2023-01-01T10:00:00+08-00',
    '+002023-01-01T00:00:00Z',
  ];

  it.each(odd)('%s as Date.parse reads it', (value) => {
    expect(instantMs(value)).toBe(Date.parse(value));
    const date = toDateOrNull(value);
    expect(date === null ? NaN : date.getTime()).toBe(Date.parse(value));
  });

  it('agrees with Date.parse on GitHub-shaped values across the calendar and every offset', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 5_000; i++) {
      const at = new Date(Math.floor((random() * 2 - 0.5) * 4e12));
      const utc = `${at.toISOString().slice(0, 19)}Z`;
      const minutes = Math.floor(random() * 30) * 60 - 900 + (random() < 0.2 ? 30 : 0);
      const zone = `${minutes < 0 ? '-' : '+'}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;
      const local = `${utc.slice(0, 19)}${zone}`;
      expect(instantMs(utc)).toBe(Date.parse(utc));
      expect(instantMs(local)).toBe(Date.parse(local));
      const parsed = parseGitTimestamp(local);
      expect(parsed?.at.getTime()).toBe(Date.parse(local));
      expect(parsed?.utcOffsetMinutes).toBe(Math.abs(minutes) > 14 * 60 ? 0 : minutes);
    }
  });

  it('keeps offsets beyond ±14:00 as 0 and reads lowercase or compact forms the general way', () => {
    expect(parseGitTimestamp('2024-06-27T13:04:09+14:30')).toEqual({
      at: new Date('2024-06-27T13:04:09+14:30'),
      utcOffsetMinutes: 0,
    });
    expect(parseGitTimestamp('2024-06-27T13:04:09+0530')?.utcOffsetMinutes).toBe(330);
    expect(parseGitTimestamp('2024-06-27T13:04:09z')?.utcOffsetMinutes).toBe(0);
    expect(parseGitTimestamp('2024-06-27T13:04:09-00:00')).toEqual({
      at: new Date('2024-06-27T13:04:09Z'),
      utcOffsetMinutes: -0,
    });
  });

  it('treats a non-string date of a hostile payload as new Date did', () => {
    expect(toDateOrNull(86_400_000 as unknown as string)?.toISOString()).toBe('1970-01-02T00:00:00.000Z');
  });
});

describe('hostile payloads', () => {
  it('clips huge strings by code point and drops NUL characters', () => {
    const emoji = '😀'.repeat(600);
    const clipped = cleanText(emoji, 500);
    expect(Array.from(clipped).length).toBe(500);
    expect(clipped.endsWith('\ud83d')).toBe(false);
    expect(cleanText('a\u0000b', 10)).toBe('ab');
    expect(cleanText(null, 10)).toBeNull();
  });

  it('maps a commit with null actors and a broken date without throwing', () => {
    const row = commitRow({
      oid: 'abc',
      messageHeadline: null,
      additions: null,
      deletions: -5,
      parents: null,
      author: null,
      committer: { name: 'x', email: null, date: '2024-02-02T10:00:00+09:00', user: null },
    });
    expect(row.sha).toBe('abc');
    expect(row.authoredAt.toISOString()).toBe('2024-02-02T01:00:00.000Z');
    expect(row.authorUtcOffsetMinutes).toBe(540);
    expect(row.authorLogin).toBeNull();
    expect(row.deletions).toBeNull();
    expect(row.messageHeadline).toBe('');
  });

  it('treats deleted users (null or "ghost") as no author', () => {
    const base = {
      id: 1,
      number: 2,
      title: null,
      state: 'closed',
      created_at: '2024-01-01T00:00:00Z',
      updated_at: 'garbage',
    };
    const ghost = issueRow({ ...base, user: { login: 'ghost', id: 10137 } });
    expect(ghost.authorLogin).toBeNull();
    expect(ghost.authorUserId).toBeNull();
    expect(ghost.title).toBe('');
    expect(ghost.updatedAt.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(issueRow({ ...base, user: null }).authorLogin).toBeNull();
    expect(userReference({ login: 'ghost', id: 10137 }, rules)).toBeUndefined();
  });

  it('keeps odd Unicode as it is', () => {
    const row = issueRow({
      id: 1,
      number: 3,
      title: '修复 bug — ÅÄÖ \u202e right-to-left 👩🏽‍💻',
      user: { login: 'zoë', id: 5 },
      state: 'open',
      labels: [{ name: '🐛 bug' }, 'plain', { name: null }],
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-02T00:00:00Z',
      pull_request: { merged_at: '2024-01-03T00:00:00Z' },
      body: 'x'.repeat(5_000_000),
    });
    expect(row.title).toContain('修复 bug');
    expect(row.labels).toEqual(['🐛 bug', 'plain']);
    expect(row.isPullRequest).toBe(true);
    expect(row.mergedAt?.toISOString()).toBe('2024-01-03T00:00:00.000Z');
    expect(row.bodyLength).toBe(5_000_000);
  });

  it('reads the issue number of a repository-wide comment from its URL', () => {
    const row = issueCommentRow({
      id: 9,
      issue_url: 'https://api.github.com/repos/o/r/issues/42',
      user: null,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
    });
    expect(row?.issueNumber).toBe(42);
    expect(
      issueCommentRow({ id: 9, issue_url: 'nonsense', user: null, created_at: '', updated_at: '' }),
    ).toBeUndefined();
  });

  it.each([
    ['https://api.github.com/repos/o/r/issues/7', 7],
    ['https://api.github.com/repos/issues/r/issues/007', 7],
    ['https://api.github.com/repos/o/issues/issues/12', 12],
    ['/issues/9007199254740991', 9_007_199_254_740_991],
    ['https://api.github.com/repos/o/r/issues/9007199254740993', undefined],
    ['https://api.github.com/repos/o/r/issues/', undefined],
    ['https://api.github.com/repos/o/r/issues/12/', undefined],
    ['https://api.github.com/repos/o/r/issues/12a', undefined],
    ['https://api.github.com/repos/o/r/issues/-1', undefined],
    ['https://api.github.com/repos/o/r/issues/1 ', undefined],
    ['https://api.github.com/repos/o/r/issues/12/comments', undefined],
    ['https://api.github.com/repos/o/r/pulls/12', undefined],
  ])('issue number of %s: %s', (url, number) => {
    const item = { id: 9, issue_url: url, user: null, created_at: '', updated_at: '' };
    expect(issueCommentRow(item)?.issueNumber).toBe(number);
    // The same reading as the pattern /\/pulls\/(\d+)$/ for review comments.
    const pullUrl = url.replaceAll('/issues/', '/pulls/');
    const byPattern = Number(/\/pulls\/(\d+)$/.exec(pullUrl)?.[1]);
    const review = { id: 9, pull_request_url: pullUrl, user: null, created_at: '', updated_at: '' };
    expect(reviewCommentRow(review)?.pullNumber).toBe(
      Number.isSafeInteger(byPattern) ? byPattern : undefined,
    );
  });

  it('maps a repository-wide review comment: pull number from its URL, review and reply ids, author', () => {
    const row = reviewCommentRow({
      id: 77,
      pull_request_review_id: 5,
      in_reply_to_id: 70,
      pull_request_url: 'https://api.github.com/repos/o/r/pulls/8',
      user: { login: 'ada', id: 31, type: 'User' },
      author_association: 'MEMBER',
      body: 'nit',
      created_at: '2024-02-01T10:00:00Z',
      updated_at: '2024-02-02T10:00:00Z',
    });
    expect(row).toEqual({
      githubId: 77,
      pullNumber: 8,
      reviewGithubId: 5,
      inReplyToGithubId: 70,
      authorLogin: 'ada',
      authorUserId: 31,
      authorAssociation: 'MEMBER',
      createdAt: new Date('2024-02-01T10:00:00Z'),
      updatedAt: new Date('2024-02-02T10:00:00Z'),
      bodyLength: 3,
    });
    expect(
      reviewCommentRow({ id: 1, pull_request_url: 'x', user: null, created_at: '', updated_at: '' }),
    ).toBeUndefined();
  });

  it('keeps reviews with unknown states as comments and skips ones without an id', () => {
    expect(
      reviewRow(1, {
        databaseId: 3,
        state: 'WEIRD',
        body: null,
        submittedAt: null,
        authorAssociation: null,
        author: null,
      })?.state,
    ).toBe('COMMENTED');
    expect(
      reviewRow(1, {
        databaseId: null,
        state: 'APPROVED',
        body: '',
        submittedAt: null,
        authorAssociation: null,
        author: null,
      }),
    ).toBeUndefined();
  });

  it('maps anonymous contributors by email and skips entries with nothing to key them by', () => {
    expect(
      contributorRow({ type: 'Anonymous', email: 'A@x.org', name: 'A', contributions: 3 }),
    ).toMatchObject({
      isAnonymous: true,
      login: null,
      email: 'A@x.org',
    });
    expect(contributorRow({ type: 'Anonymous', email: null, name: null, contributions: 1 })).toBeUndefined();
  });
});

describe('user references of a page', () => {
  it('keeps one reference per account, the last one mentioned, in ascending id order', () => {
    const refs = userReferences(
      [
        { login: 'old-name', id: 30, type: 'User' },
        { login: 'b', id: 2, type: 'User' },
        null,
        { login: 'ghost', id: 10137 },
        { login: 'new-name', id: 30, type: 'Bot' },
        { login: 'a', id: 1 },
        { login: '', id: 2 },
        { login: 'no-id' },
        { login: 'b', id: 2, type: 'Organization' },
        { login: 'renamed-away', id: 1, type: null },
        { login: null, id: 1 },
      ],
      rules,
    );
    expect(refs).toEqual([
      { id: 1, login: 'renamed-away', type: 'User', isBot: false },
      { id: 2, login: 'b', type: 'Organization', isBot: false },
      { id: 30, login: 'new-name', type: 'Bot', isBot: true },
    ]);
  });
});

describe('bots', () => {
  it.each([
    ['dependabot[bot]', 'Bot', true],
    ['renovate[bot]', 'User', true],
    ['Some-App[BOT]', undefined, true],
    ['web-flow', 'User', true],
    ['k8s-ci-robot', 'User', true],
    ['octocat', 'User', false],
    ['botanist', 'User', false],
  ])('%s (%s) → %s', (login, type, expected) => {
    expect(isBot(login, type, rules)).toBe(expected);
  });

  it('takes a configurable list', () => {
    expect(isBot('our-release-robot', 'User', { botLogins: ['Our-Release-Robot'] })).toBe(true);
  });

  it('flags bot profiles and turns empty profile fields into unknown', () => {
    const profile = userProfile(
      {
        __typename: 'User',
        databaseId: 7,
        login: 'li',
        email: '',
        websiteUrl: '',
        location: '北京',
        createdAt: '2015-01-01T00:00:00Z',
      },
      rules,
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(profile).toMatchObject({ id: 7, email: null, blog: null, location: '北京', isBot: false });
    expect(userProfile({ __typename: 'Bot', databaseId: 8, login: 'x[bot]' }, rules, new Date())?.isBot).toBe(
      true,
    );
  });
});
