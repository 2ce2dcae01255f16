import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/load-config.js';
import { createGitHubClient } from '../src/github/index.js';
import { silentLogger } from '../src/shared/logger.js';
import { startSimulator } from '../src/sim/index.js';
import { loadSampleWorld } from '../src/sim/worlds/index.js';

/*
 * What octokit's throttling plugin costs per request (the reason it is off by default: the budget
 * ledger already paces, waits and honours retry-after). Sequential GET /rate_limit against a
 * zero-latency simulator, plugin off and on, twice each; wall time and CPU (client + simulator).
 */
export async function runClientOverheadBench(): Promise<void> {
  const unlimited = { rateLimit: { core: 1e9, graphql: 1e9 }, secondary: { restPointsPerMinute: 1e9 } };
  const sim = await startSimulator({ world: await loadSampleWorld(), config: unlimited });
  const token = `bench-${randomBytes(12).toString('hex')}`;
  const config = loadConfig({ env: { GITHUB_API_URL: sim.url, GITHUB_TOKEN: token } });
  const requests = 400;
  try {
    for (const round of [1, 2]) {
      for (const pluginThrottling of [false, true]) {
        const client = createGitHubClient({
          config,
          logger: silentLogger,
          options: { pluginThrottling, pointsPerMinute: { rest: 0, graphql: 0 } },
        });
        const credential = client.credentials[0]?.fingerprint ?? '';
        const cpu = process.cpuUsage();
        const started = process.hrtime.bigint();
        for (let i = 0; i < requests; i++) await client.rest('GET /rate_limit', {}, { credential });
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        const used = process.cpuUsage(cpu);
        console.log(
          `round ${round}, plugin-throttling ${pluginThrottling ? 'on ' : 'off'}: ${(wallMs / requests).toFixed(2)} ms per request, ${((used.user + used.system) / 1000 / requests).toFixed(2)} ms CPU per request (client + simulator)`,
        );
        await client.close();
      }
    }
  } finally {
    await sim.close();
  }
}
