import { Writable } from 'node:stream';
import {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
} from '../../../src/github/index.js';
import { InMemoryEtagStore } from '../../../src/github/etag-store.js';
import { createHttpTransport } from '../../../src/github/http-transport.js';
import { createLogger } from '../../../src/shared/logger.js';
import {
  startSimulator,
  type DeepPartial,
  type RunningSimulator,
  type SimConfig,
} from '../../../src/sim/index.js';
import type { World } from '../../../src/sim/world.js';
import { fakeToken } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

/** Options that keep tests fast: short backoff, small reset margin, no secondary pacing by default. */
export const FAST: Partial<GitHubClientOptions> = {
  requestTimeoutMs: 5_000,
  reserveFloor: 0,
  resetMarginMs: 150,
  pollMs: 10,
  backoff: { baseMs: 10, capMs: 100 },
  maxAttempts: 8,
  pointsPerMinute: { rest: 0, graphql: 0 },
};

export interface Kit {
  sim: RunningSimulator;
  client: GitHubClient;
  tokens: string[];
  etagStore: InMemoryEtagStore;
  /** Every URL the client fetched (the transport is real HTTP; this only records). */
  urls: string[];
  /** The headers each request went out with. */
  sentHeaders: Headers[];
  logs(): string;
  close(): Promise<void>;
}

export interface KitOptions {
  world?: World;
  sim?: DeepPartial<SimConfig>;
  tokens?: string[];
  /** '' (api.github.com layout) or '/api/v3' (GitHub Enterprise layout). */
  prefix?: '' | '/api/v3';
  options?: Partial<GitHubClientOptions>;
  signal?: AbortSignal;
}

export async function startKit(options: KitOptions = {}): Promise<Kit> {
  const sim = await startSimulator({ world: options.world ?? tinyWorld(), config: options.sim ?? {} });
  const tokens = options.tokens ?? [fakeToken('gh')];
  const prefix = options.prefix ?? '';
  const apiUrl = `${sim.url}${prefix}`;
  const graphqlUrl = prefix === '/api/v3' ? `${sim.url}/api/graphql` : `${sim.url}/graphql`;
  const chunks: string[] = [];
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
  );
  const etagStore = new InMemoryEtagStore();
  const urls: string[] = [];
  const sentHeaders: Headers[] = [];
  // The client's default transport, with a recorder in front.
  const http = createHttpTransport();
  const client = createGitHubClient({
    config: { github: { apiUrl, graphqlUrl, tokens } },
    logger,
    etagStore,
    signal: options.signal,
    options: { ...FAST, ...options.options },
    fetch: (url, init) => {
      urls.push(url);
      sentHeaders.push(new Headers(init?.headers));
      return http.fetch(url, init);
    },
  });
  return {
    sim,
    client,
    tokens,
    etagStore,
    urls,
    sentHeaders,
    logs: () => chunks.join(''),
    close: async () => {
      await client.close();
      await http.close();
      await sim.close();
    },
  };
}

export const HISTORY_QUERY = `
  query History($owner: String!, $name: String!, $after: String) {
    rateLimit { cost remaining resetAt }
    repository(owner: $owner, name: $name) {
      defaultBranchRef {
        target {
          ... on Commit {
            history(first: 100, after: $after) {
              nodes { oid author { date email } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
      }
    }
  }`;

export interface HistoryData {
  rateLimit: { cost: number; remaining: number; resetAt: string };
  repository: {
    defaultBranchRef: {
      target: {
        history: {
          nodes: { oid: string; author: { date: string; email: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    };
  } | null;
}
