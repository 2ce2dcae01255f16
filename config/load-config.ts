import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { VitalsError } from '../src/shared/errors.js';
import { registerSecret } from '../src/shared/redact.js';

/**
 * The one reader of process.env. Config is read once at boot, validated, frozen and passed down.
 * Empty variables count as unset (design §3). Values from a JSON file (`--config` / VITALS_CONFIG)
 * use the same keys as the environment and lose to the environment.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const GEO_MODES = ['mainland', 'greater-china-hkmo', 'greater-china'] as const;

const url = (key: string, protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `${key} must be a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL` },
  );

/** A whole number from 0 to `max`, given as text (environment) or a number (config file). */
const wholeNumber = (max: number) =>
  z.coerce.number().int(`must be a whole number from 0 to ${max}`).min(0).max(max);

const envSchema = z.object({
  DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']).optional(),
  VITALS_DATA_DIR: z.string().default('./.vitals'),
  REDIS_URL: url('REDIS_URL', ['redis:', 'rediss:']).optional(),
  VITALS_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or - only')
    .default('vitals'),
  GITHUB_API_URL: url('GITHUB_API_URL', ['http:', 'https:']).default('https://api.github.com'),
  GITHUB_GRAPHQL_URL: url('GITHUB_GRAPHQL_URL', ['http:', 'https:']).optional(),
  GITHUB_TOKEN: z.string().optional(),
  VITALS_GITHUB_TOKENS: z.string().optional(),
  GITHUB_APP_ID: z
    .string()
    .regex(/^\s*\d{1,15}\s*$/, 'must be a GitHub App id (digits)')
    .optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().optional(),
  GITHUB_APP_PRIVATE_KEY_FILE: z.string().optional(),
  GITHUB_APP_INSTALLATION_IDS: z
    .string()
    .regex(/^[\d\s,]+$/, 'must be comma-separated installation ids (digits)')
    .optional(),
  VITALS_API_KEYS: z.string().optional(),
  VITALS_GEO_MODE: z.enum(GEO_MODES).default('mainland'),
  VITALS_RECONCILE_EVERY_DAYS: wholeNumber(3650).default(7),
  VITALS_RECONCILE_VERIFY_LIMIT: wholeNumber(100_000).default(100),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

const FIXES: Record<string, string> = {
  DATABASE_URL: 'set it to postgres://USER@HOST:PORT/DB, or unset it to use the embedded database',
  REDIS_URL: 'set it to redis://HOST:PORT, or unset it to run jobs in-process',
  GITHUB_API_URL: 'set it to https://api.github.com or https://HOST/api/v3 for GitHub Enterprise',
  GITHUB_GRAPHQL_URL: 'set it to the GraphQL endpoint, or unset it to derive it from GITHUB_API_URL',
  GITHUB_APP_ID: "set it to the App ID shown on the GitHub App's settings page",
  GITHUB_APP_INSTALLATION_IDS:
    'set it to the installation ids of the app (the number at the end of the installation settings URL), comma-separated',
  LOG_LEVEL: `use one of ${LOG_LEVELS.join(', ')}`,
  VITALS_GEO_MODE: `use one of ${GEO_MODES.join(', ')}`,
  VITALS_RECONCILE_EVERY_DAYS: 'days between full reads that find deletions (0 = never)',
  VITALS_RECONCILE_VERIFY_LIMIT: 'deletion candidates checked one by one per list and reconciliation',
};

export type GeoMode = (typeof GEO_MODES)[number];

export interface Config {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  /** Prefix of every BullMQ key (one deployment per prefix; tests use a random one). */
  readonly queuePrefix: string;
  readonly github: {
    readonly apiUrl: string;
    readonly graphqlUrl: string;
    /** Operator-owned credentials; never logged (registered with the redactor). */
    readonly tokens: readonly string[];
    /** An operator-owned GitHub App: each installation is one more credential with its own budget. */
    readonly app?: GitHubAppConfig | undefined;
  };
  readonly apiKeys: readonly string[];
  readonly geoMode: GeoMode;
  /** Deletion reconciliation of the crawl (design §4); see docs/runbook.md. */
  readonly reconcile: { readonly everyDays: number; readonly verifyLimit: number };
  readonly logLevel: (typeof LOG_LEVELS)[number];
}

export interface GitHubAppConfig {
  readonly appId: number;
  /** PKCS#8 PEM (GitHub hands out PKCS#1; converted at boot). Never logged (registered with the redactor). */
  readonly privateKey: string;
  readonly installationIds: readonly number[];
}

export interface LoadConfigOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Path of a JSON config file; defaults to VITALS_CONFIG. */
  file?: string | undefined;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = withoutEmpty(options.env ?? process.env);
  const filePath = options.file ?? env['VITALS_CONFIG'];
  const fromFile = filePath ? readConfigFile(filePath) : {};
  const parsed = envSchema.safeParse({ ...fromFile, ...pick(env, Object.keys(envSchema.shape)) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'config');
    const fix = FIXES[key] ? `; ${FIXES[key]}` : '';
    throw new VitalsError(
      'CONFIG_INVALID',
      `Invalid configuration ${key}: ${issue?.message ?? 'invalid'}${fix}`,
      { key },
    );
  }
  const v = parsed.data;
  const tokens = [
    ...(v.GITHUB_TOKEN ? [v.GITHUB_TOKEN.trim()] : []),
    ...(v.VITALS_GITHUB_TOKENS ?? '').split(',').map((t) => t.trim()),
  ].filter((t, i, all) => t.length > 0 && all.indexOf(t) === i);
  tokens.forEach(registerSecret);
  const apiKeys = (v.VITALS_API_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  apiKeys.forEach(registerSecret);
  const app = githubAppOf(v);
  const apiUrl = v.GITHUB_API_URL.replace(/\/+$/, '');
  return deepFreeze({
    databaseUrl: v.DATABASE_URL,
    dataDir: v.VITALS_DATA_DIR,
    redisUrl: v.REDIS_URL,
    queuePrefix: v.VITALS_QUEUE_PREFIX,
    github: {
      apiUrl,
      graphqlUrl: v.GITHUB_GRAPHQL_URL ?? deriveGraphqlUrl(apiUrl),
      tokens,
      ...(app ? { app } : {}),
    },
    apiKeys,
    geoMode: v.VITALS_GEO_MODE,
    reconcile: { everyDays: v.VITALS_RECONCILE_EVERY_DAYS, verifyLimit: v.VITALS_RECONCILE_VERIFY_LIMIT },
    logLevel: v.LOG_LEVEL,
  });
}

/**
 * GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY (PEM text, or one line with `\\n` escapes) or
 * GITHUB_APP_PRIVATE_KEY_FILE + GITHUB_APP_INSTALLATION_IDS: all or none. Messages name the key,
 * never its value.
 */
function githubAppOf(v: z.infer<typeof envSchema>): GitHubAppConfig | undefined {
  const given = [
    'GITHUB_APP_ID',
    'GITHUB_APP_PRIVATE_KEY',
    'GITHUB_APP_PRIVATE_KEY_FILE',
    'GITHUB_APP_INSTALLATION_IDS',
  ] as const;
  if (given.every((key) => v[key] === undefined)) return undefined;
  const invalid = (key: string, message: string) =>
    new VitalsError('CONFIG_INVALID', `Invalid configuration ${key}: ${message}`, { key });
  if (v.GITHUB_APP_ID === undefined)
    throw invalid(
      'GITHUB_APP_ID',
      'is required with the other GITHUB_APP_* settings; ' + FIXES['GITHUB_APP_ID'],
    );
  if (v.GITHUB_APP_PRIVATE_KEY !== undefined && v.GITHUB_APP_PRIVATE_KEY_FILE !== undefined)
    throw invalid(
      'GITHUB_APP_PRIVATE_KEY_FILE',
      'set either GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_FILE, not both',
    );
  let keyName: 'GITHUB_APP_PRIVATE_KEY' | 'GITHUB_APP_PRIVATE_KEY_FILE' = 'GITHUB_APP_PRIVATE_KEY';
  let pemText = v.GITHUB_APP_PRIVATE_KEY;
  if (v.GITHUB_APP_PRIVATE_KEY_FILE !== undefined) {
    keyName = 'GITHUB_APP_PRIVATE_KEY_FILE';
    try {
      pemText = readFileSync(v.GITHUB_APP_PRIVATE_KEY_FILE, 'utf8');
    } catch (err) {
      throw invalid(keyName, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (pemText === undefined)
    throw invalid(
      'GITHUB_APP_PRIVATE_KEY',
      'is required with GITHUB_APP_ID: the PEM text of the private key generated on the GitHub App settings page (or GITHUB_APP_PRIVATE_KEY_FILE)',
    );
  const privateKey = pkcs8PrivateKey(pemText);
  if (privateKey === undefined)
    throw invalid(
      keyName,
      'is not an RSA private key in PEM form (-----BEGIN RSA PRIVATE KEY----- … as GitHub generates it; a one-line value may escape line breaks as \\n)',
    );
  const installationIds = [
    ...new Set(
      (v.GITHUB_APP_INSTALLATION_IDS ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
        .map(Number),
    ),
  ];
  if (installationIds.length === 0 || !installationIds.every((id) => Number.isSafeInteger(id) && id > 0))
    throw invalid(
      'GITHUB_APP_INSTALLATION_IDS',
      'at least one installation id is required; ' + FIXES['GITHUB_APP_INSTALLATION_IDS'],
    );
  const appId = Number(v.GITHUB_APP_ID.trim());
  if (!(appId > 0)) throw invalid('GITHUB_APP_ID', 'must be a positive number');
  return { appId, privateKey, installationIds };
}

/**
 * Parses the PEM with node:crypto (anything else is a config error) and converts it to PKCS#8,
 * which the JWT signer needs. Registers every form of the key, and each line of it, as a secret.
 */
function pkcs8PrivateKey(text: string): string | undefined {
  const pem = text.replace(/\\n/g, '\n').trim();
  registerSecret(text);
  for (const line of pem.split('\n')) if (!line.startsWith('-----')) registerSecret(line.trim());
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') return undefined;
    const pkcs8 = String(key.export({ type: 'pkcs8', format: 'pem' }));
    registerSecret(pkcs8);
    for (const line of pkcs8.split('\n')) if (!line.startsWith('-----')) registerSecret(line.trim());
    return pkcs8;
  } catch {
    return undefined;
  }
}

/** api.github.com → /graphql; GitHub Enterprise https://HOST/api/v3 → https://HOST/api/graphql. */
export function deriveGraphqlUrl(apiUrl: string): string {
  return /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, '/api/graphql') : `${apiUrl}/graphql`;
}

function withoutEmpty(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value.trim() !== '') out[key] = value;
  return out;
}

function pick(source: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k] as string]));
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new VitalsError('CONFIG_INVALID', `Cannot read config file ${path}: ${(err as Error).message}`, {
      key: 'VITALS_CONFIG',
    });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return withoutEmpty(value as Record<string, string>);
  } catch {
    // fall through to the error below
  }
  throw new VitalsError('CONFIG_INVALID', `Config file ${path} must be a JSON object of KEY: "value" pairs`, {
    key: 'VITALS_CONFIG',
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
