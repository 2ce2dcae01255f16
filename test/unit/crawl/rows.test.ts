import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BOT_LOGINS, isBot } from '../../../src/crawl/is-bot.js';
import { cleanText } from '../../../src/crawl/rows/clean-text.js';
import { commitRow } from '../../../src/crawl/rows/commit.rows.js';
import { contributorRow } from '../../../src/crawl/rows/contributor.rows.js';
import { issueCommentRow, reviewCommentRow, reviewRow } from '../../../src/crawl/rows/discussion.rows.js';
import { parseGitTimestamp } from '../../../src/crawl/rows/git-timestamp.js';
import { issueRow } from '../../../src/crawl/rows/issue.rows.js';
import { userProfile, userReference } from '../../../src/crawl/rows/user.rows.js';

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
