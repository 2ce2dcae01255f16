import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { fakeToken, simGet } from '../../support/sim-http.js';
import { tinyWorld } from '../../support/sim-worlds.js';

// Many sequential HTTP requests: allow for a busy machine (the default is 5 s).
jest.setTimeout(30_000);

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ world: tinyWorld() });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
});

describe('ETag and conditional requests', () => {
  it('sends a stable weak ETag and answers If-None-Match with an empty 304 that costs nothing', async () => {
    const token = fakeToken();
    const first = await simGet(sim.url, '/repos/acme/widgets/issues?state=all', { token });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    const again = await simGet(sim.url, '/repos/acme/widgets/issues?state=all', { token });
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('link')).toBe(first.headers.get('link'));

    const conditional = await simGet(sim.url, '/repos/acme/widgets/issues?state=all', {
      token,
      headers: { 'if-none-match': etag! },
    });
    expect(conditional.status).toBe(304);
    expect(conditional.text).toBe('');
    expect(conditional.headers.get('x-ratelimit-used')).toBe('2');
    expect(conditional.headers.get('x-ratelimit-remaining')).toBe('4998');
    const stats = sim.stats();
    expect(stats.notModified).toBe(1);
    expect(stats.budgetSpent.core).toBe(2);
  });

  it('does not honour another credential’s ETag (responses vary by Authorization)', async () => {
    const first = await simGet(sim.url, '/repos/acme/widgets', { token: fakeToken('a') });
    const other = await simGet(sim.url, '/repos/acme/widgets', {
      token: fakeToken('b'),
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(other.status).toBe(200);
  });

  it('charges unauthenticated 304s (only authorised conditional requests are free)', async () => {
    const first = await simGet(sim.url, '/repos/acme/widgets');
    const second = await simGet(sim.url, '/repos/acme/widgets', {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(second.status).toBe(304);
    expect(second.headers.get('x-ratelimit-limit')).toBe('60');
    expect(second.headers.get('x-ratelimit-used')).toBe('2');
  });

  it('changes the ETag when the content changes', async () => {
    const token = fakeToken();
    const before = await simGet(sim.url, '/repos/acme/widgets/releases', { token });
    const widgets = sim.world.repos[0]!;
    widgets.releases.push({
      ...widgets.releases[0]!,
      id: 6100,
      tagName: 'v9.0.0',
      createdAt: '2024-12-01T00:00:00Z',
    });
    const after = await simGet(sim.url, '/repos/acme/widgets/releases', {
      token,
      headers: { 'if-none-match': before.headers.get('etag')! },
    });
    expect(after.status).toBe(200);
    expect((after.json() as Array<{ tag_name: string }>)[0]!.tag_name).toBe('v9.0.0');
    widgets.releases.pop();
  });

  it('sends Last-Modified on a repository and honours If-Modified-Since', async () => {
    const token = fakeToken();
    const first = await simGet(sim.url, '/repos/acme/widgets', { token });
    const lastModified = first.headers.get('last-modified');
    expect(lastModified).toBe(new Date('2024-05-10T00:00:00Z').toUTCString());
    const second = await simGet(sim.url, '/repos/acme/widgets', {
      token,
      headers: { 'if-modified-since': lastModified! },
    });
    expect(second.status).toBe(304);
    const older = await simGet(sim.url, '/repos/acme/widgets', {
      token,
      headers: { 'if-modified-since': new Date('2024-01-01T00:00:00Z').toUTCString() },
    });
    expect(older.status).toBe(200);
  });
});
