import type { AddressInfo } from 'node:net';
import { loadGraphqlSchema } from './graphql/index.js';
import { buildSimApp } from './server.js';
import type { DeepPartial, SimConfig } from './sim-config.js';
import { SimState } from './sim-state.js';
import type { SimStats } from './stats.js';
import type { World } from './world.js';

export type { DeepPartial, SimConfig } from './sim-config.js';
export type { SimStats, ViolationSample } from './stats.js';
export type { World } from './world.js';

export interface RunningSimulator {
  /** e.g. `http://127.0.0.1:41234` (REST at / and /api/v3/; GraphQL at /graphql and /api/graphql). */
  url: string;
  world: World;
  stats(): SimStats;
  resetStats(): void;
  configure(patch: DeepPartial<SimConfig>): void;
  /** Call after editing world items in place (appending items is noticed without it). */
  worldChanged(): void;
  close(): Promise<void>;
}

export interface StartSimulatorOptions {
  world: World;
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  config?: DeepPartial<SimConfig>;
}

/** Starts the GitHub API simulator over real HTTP. */
export async function startSimulator(options: StartSimulatorOptions): Promise<RunningSimulator> {
  const state = new SimState(options.world, options.config);
  const app = buildSimApp(state);
  loadGraphqlSchema();
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    world: options.world,
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    configure: (patch) => state.configure(patch),
    worldChanged: () => state.index.invalidate(),
    close: () => app.close(),
  };
}
