import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VitalsError } from '../../shared/errors.js';
import { startSimulator } from '../../sim/index.js';
import type { DeepPartial, SimConfig } from '../../sim/sim-config.js';
import { loadSampleWorld, loadWorld } from '../../sim/worlds/index.js';
import type { World } from '../../sim/world.js';

interface ServeOptions {
  world?: string;
  sample?: boolean;
  port: string;
  host: string;
  simConfig?: string;
}

/**
 * `vitals sim serve --world DIR|--sample [--port N] [--host H] [--config JSON]`: runs the GitHub API
 * simulator until SIGINT/SIGTERM, printing its URL on stdout. For this command `--config` is the
 * simulator's config (JSON text or a JSON file, same keys as PATCH /_sim/config); `--sim-config`
 * is an alias that cannot be confused with the global option.
 */
export function registerSimCommand(program: Command): void {
  const sim = program.command('sim').description('the GitHub API simulator (tests, demo, benchmarks)');
  sim
    .command('serve')
    .description('serve a simulated GitHub (REST at / and /api/v3, GraphQL at /graphql) until interrupted')
    .option('--world <dir>', 'world directory (as written by saveWorld)')
    .option('--sample', 'serve the bundled sample world')
    .option('--port <n>', 'TCP port (0 = any free port)', '0')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--sim-config <json>', 'simulator config: JSON text or a JSON file')
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      const config = parseSimConfig(options.simConfig ?? program.opts<{ config?: string }>().config);
      const world = await chooseWorld(options);
      let simulator;
      try {
        simulator = await startSimulator({ world, port, host: options.host, config });
      } catch (err) {
        if (err instanceof TypeError)
          throw new VitalsError('INPUT_INVALID', `Bad simulator config: ${err.message}`);
        throw err;
      }
      process.stdout.write(`${simulator.url}\n`);
      process.stderr.write(
        `Simulator serving ${world.repos.length} repositories at ${simulator.url} (Ctrl-C to stop)\n`,
      );
      await untilSignal();
      await simulator.close();
    });
}

async function chooseWorld(options: ServeOptions): Promise<World> {
  if ((options.world === undefined) === (options.sample !== true)) {
    throw new VitalsError('INPUT_INVALID', 'Give exactly one of --world DIR or --sample');
  }
  if (options.sample === true) return loadSampleWorld();
  return loadWorld(options.world as string);
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new VitalsError('INPUT_INVALID', `--port must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function parseSimConfig(raw: string | undefined): DeepPartial<SimConfig> | undefined {
  if (raw === undefined) return undefined;
  let text = raw;
  if (!raw.trimStart().startsWith('{')) {
    try {
      text = readFileSync(raw, 'utf8');
    } catch {
      throw new VitalsError('INPUT_INVALID', `Simulator config is neither JSON nor a readable file: ${raw}`);
    }
  }
  try {
    return JSON.parse(text) as DeepPartial<SimConfig>;
  } catch {
    throw new VitalsError('INPUT_INVALID', 'Simulator config is not valid JSON');
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
