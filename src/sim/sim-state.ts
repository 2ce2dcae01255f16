import { InstallationTokens } from './apps/app-tokens.js';
import { FaultInjector } from './faults.js';
import { PageCache } from './page-cache.js';
import { createGraphqlEngine, NodeCache, ResponseCache, type GraphqlEngine } from './graphql/index.js';
import { PrimaryLimiter, type RateResource } from './limits/primary.js';
import { SecondaryLimiter } from './limits/secondary.js';
import type { Credential } from './limits/credential.js';
import { defaultSimConfig, applySimConfigPatch, type SimConfig } from './sim-config.js';
import { StatsRecorder } from './stats.js';
import { WorldIndex } from './world-index.js';
import type { World } from './world.js';

/** Everything one running simulator holds; routes receive it instead of globals. */
export class SimState {
  readonly config: SimConfig = defaultSimConfig();
  readonly stats = new StatsRecorder();
  readonly primary = new PrimaryLimiter(() => this.config.rateLimit.windowSeconds);
  readonly secondary = new SecondaryLimiter(() => this.config.secondary);
  readonly faults = new FaultInjector(() => this.config.faults);
  readonly index: WorldIndex;
  /** ETags of the last 100,000 list pages served (a few hundred bytes each), the latest 64 MB of bodies. */
  readonly pages = new PageCache(100_000, 64 * 1024 * 1024);
  readonly graphql: GraphqlEngine;
  /** Completed GraphQL objects of world items, for the current world generation (~1 KB each). */
  readonly graphqlNodes = new NodeCache(50_000);
  /** Whole GraphQL response bodies for the current world generation, within 32 MB. */
  readonly graphqlResponses = new ResponseCache(32 * 1024 * 1024);
  /** GitHub App installation tokens issued and not yet expired (kept across POST /_sim/reset). */
  readonly appTokens = new InstallationTokens();
  private requestCounter = 0;

  constructor(
    readonly world: World,
    patch?: unknown,
    readonly now: () => number = Date.now,
  ) {
    if (patch !== undefined) applySimConfigPatch(this.config, patch);
    this.faults.reseed();
    this.index = new WorldIndex(world);
    this.graphql = createGraphqlEngine();
  }

  configure(patch: unknown): void {
    applySimConfigPatch(this.config, patch);
  }

  /** POST /_sim/reset: statistics, budgets, secondary blocks and the fault stream start over. */
  reset(): void {
    this.stats.reset();
    this.primary.reset();
    this.secondary.reset();
    this.faults.reseed();
  }

  limitFor(credential: Credential, resource: RateResource): number {
    if (resource === 'graphql') return this.config.rateLimit.graphql;
    if (resource === 'search') return credential.authenticated ? 30 : 10;
    return credential.authenticated ? this.config.rateLimit.core : this.config.rateLimit.unauthenticated;
  }

  /** `x-github-request-id`-shaped id, unique per request. */
  nextRequestId(): string {
    this.requestCounter += 1;
    const hex = this.requestCounter.toString(16).toUpperCase().padStart(7, '0');
    return `5E1F:${hex.slice(-5)}:${hex}:${hex}:${Math.floor(this.now() / 1000)
      .toString(16)
      .toUpperCase()}`;
  }
}
