/**
 * Text for generated activity: commit subjects, issue titles and bodies, comments. Mostly ordinary
 * English (or Chinese for Chinese-speaking projects), plus a few hostile strings — odd Unicode, very
 * long bodies — that the crawler and the store must survive.
 */
import { chance, pick, randomInt, type Rng } from '../rng.js';

export type Language = 'en' | 'zh';

const TYPES = ['fix', 'feat', 'chore', 'docs', 'refactor', 'test', 'perf', 'ci', 'build'] as const;
const SCOPES = [
  'core',
  'cli',
  'server',
  'client',
  'config',
  'deps',
  'parser',
  'router',
  'cache',
  'docs',
  'api',
  'types',
];
const VERBS = [
  'handle',
  'support',
  'avoid',
  'improve',
  'remove',
  'add',
  'update',
  'simplify',
  'restore',
  'validate',
];
const OBJECTS = [
  'empty config files',
  'nested routes',
  'windows paths',
  'timeout on slow networks',
  'memory leak in watcher',
  'trailing slashes',
  'unicode file names',
  'retry backoff',
  'stale cache entries',
  'duplicate listeners',
  'error messages',
  'plugin ordering',
  'source maps',
  'IPv6 addresses',
  'concurrent writes',
];
const ZH_SUBJECTS = [
  '修复 空指针异常',
  '优化 连接池性能',
  '新增 配置中心支持',
  '重构 序列化模块',
  '更新 文档',
  '修复 注册中心重连问题',
  '完善 单元测试',
  '升级 依赖版本',
  '支持 IPv6 地址',
  '修正 拼写错误',
];

/** A conventional-commit style subject. */
export function commitSubject(rng: Rng, language: Language): string {
  if (language === 'zh' && chance(rng, 0.45)) return pick(rng, ZH_SUBJECTS);
  const type = pick(rng, TYPES);
  const scope = chance(rng, 0.6) ? `(${pick(rng, SCOPES)})` : '';
  return `${type}${scope}: ${pick(rng, VERBS)} ${pick(rng, OBJECTS)}`;
}

/** A pool of shared subject strings: large worlds reuse them instead of allocating one per commit. */
export function subjectPool(rng: Rng, language: Language, size: number): string[] {
  const pool: string[] = [];
  for (let i = 0; i < size; i++) pool.push(commitSubject(rng, language));
  return pool;
}

const ISSUE_TITLES_EN = [
  'Crash when config file is empty',
  'Support for custom resolvers',
  'Docs: unclear example for plugins',
  'Regression after upgrading to the latest version',
  'Build fails on Windows',
  'Feature request: watch mode for tests',
  'Memory usage grows over time',
  'Question: how to disable telemetry?',
  'TypeError: cannot read properties of undefined',
  'Slow startup with many files',
  'Add an option to skip hidden files',
  'Incorrect timezone handling in logs',
];
const ISSUE_TITLES_ZH = [
  '启动时报 NullPointerException',
  '希望支持 Nacos 3.x',
  '文档中的示例无法运行',
  '升级后性能下降明显',
  '请问如何配置超时时间？',
  '服务注册偶尔失败',
  '建议增加 gRPC 兼容模式',
];

export function issueTitle(rng: Rng, language: Language): string {
  if (language === 'zh' && chance(rng, 0.6)) return pick(rng, ISSUE_TITLES_ZH);
  return pick(rng, ISSUE_TITLES_EN);
}

export function pullTitle(rng: Rng, language: Language): string {
  return commitSubject(rng, language);
}

const BODIES_EN = [
  '### Describe the bug\nRunning the command with an empty config crashes.\n\n### Reproduction\n1. create `config.json` with `{}`\n2. run `tool build`\n\n### Expected\nA clear error.',
  'It would be great to have an option for this. Happy to send a PR.',
  'Steps to reproduce are in the linked repository. Happens on Node 20 and 22.',
  'This PR fixes the issue described above and adds a test.\n\nCloses the related issue.',
  '```\nError: ENOENT: no such file or directory\n    at open (node:internal/fs/promises:639:25)\n```',
];
const BODIES_ZH = [
  '### 问题描述\n在生产环境中偶发，日志如下：\n\n```\njava.lang.NullPointerException\n```\n\n### 环境\nJDK 17, Linux',
  '希望能支持这个功能，我们公司内部已经在用了，可以提交 PR。',
  '按照文档操作后无法启动，请帮忙看看。',
];
/** Strings that break naive code: RTL override, ZWJ emoji, combining marks, astral plane, line separators. */
const ODD_UNICODE = [
  'Title with RTL override \u202egnp.exe\u202c and ZWJ 👩‍💻👨‍👩‍👧',
  'Combining: Z̷̢͎a̸͙l̵̰g̴̝o̶̳ and astral 𝕏𝔂𝔃 plus \u2028line separator',
  'Mixed scripts: Привет, 你好, مرحبا, שלום, こんにちは 🚀',
  'Zero width\u200b\u200bspaces and a BOM\ufeff in the middle',
];

export function body(rng: Rng, language: Language): string | null {
  const roll = rng();
  if (roll < 0.08) return null;
  if (roll < 0.1) return '';
  if (roll < 0.12) return pick(rng, ODD_UNICODE);
  if (language === 'zh' && chance(rng, 0.6)) return pick(rng, BODIES_ZH);
  return pick(rng, BODIES_EN);
}

const COMMENTS_EN = [
  'Thanks for the report! Could you share a minimal reproduction?',
  'I can reproduce this on the main branch.',
  'Fixed in the latest release, please try again.',
  '+1, same here',
  'LGTM 👍',
  'Any update on this?',
  'Closing as this works as intended; see the docs.',
  'Would you like to send a PR? Happy to review.',
  'This looks related to the cache change from last month.',
];
const COMMENTS_ZH = [
  '感谢反馈，能否提供一下复现步骤？',
  '已在最新版本修复，请升级后再试。',
  '同样遇到这个问题',
  '可以提个 PR 吗？',
  '这个问题和注册中心有关，我们看一下。',
];

export function commentBody(rng: Rng, language: Language): string {
  if (chance(rng, 0.01)) return pick(rng, ODD_UNICODE);
  if (language === 'zh' && chance(rng, 0.6)) return pick(rng, COMMENTS_ZH);
  return pick(rng, COMMENTS_EN);
}

const REVIEW_PATHS = [
  'src/index.ts',
  'src/core/config.ts',
  'src/cli/main.ts',
  'test/config.test.ts',
  'docs/guide.md',
  'packages/core/src/cache.ts',
];

export function reviewPath(rng: Rng): string {
  return pick(rng, REVIEW_PATHS);
}

/** A ~`sizeBytes` body that looks like a pasted log: the hostile-size case for stores and parsers. */
export function hugeBody(rng: Rng, sizeBytes: number): string {
  const lines: string[] = ['I pasted the full log below, sorry it is long:', '```'];
  let length = 0;
  let i = 0;
  while (length < sizeBytes) {
    const line = `2026-03-0${randomInt(rng, 1, 9)}T0${randomInt(rng, 0, 9)}:${randomInt(rng, 10, 59)}:${randomInt(rng, 10, 59)}Z DEBUG worker-${randomInt(rng, 1, 64)} step ${i++} took ${randomInt(rng, 1, 900)}ms key=${Math.floor(rng() * 1e9).toString(36)}`;
    lines.push(line);
    length += line.length + 1;
  }
  lines.push('```');
  return lines.join('\n');
}

export function releaseNotes(rng: Rng, version: string): string {
  const items: string[] = [];
  const count = randomInt(rng, 1, 6);
  for (let i = 0; i < count; i++) items.push(`- ${commitSubject(rng, 'en')}`);
  return `## ${version}\n\n${items.join('\n')}`;
}

const LABELS = [
  'bug',
  'enhancement',
  'question',
  'documentation',
  'good first issue',
  'help wanted',
  'wontfix',
  'duplicate',
];

export function issueLabels(rng: Rng, isPull: boolean): string[] {
  if (chance(rng, 0.35)) return [];
  const labels = new Set<string>();
  const count = randomInt(rng, 1, 2);
  for (let i = 0; i < count; i++)
    labels.add(
      isPull ? pick(rng, ['dependencies', 'enhancement', 'bug', 'documentation']) : pick(rng, LABELS),
    );
  return [...labels];
}
