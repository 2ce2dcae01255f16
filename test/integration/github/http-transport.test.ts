import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from '@jest/globals';
import { classifyFailure } from '../../../src/github/classify-failure.js';
import { failureInputOf } from '../../../src/github/failure-input.js';
import { createHttpTransport, type HttpTransport } from '../../../src/github/http-transport.js';

/** The client's default transport against plain local HTTP servers: what fetch did, it must do. */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
let transport: HttpTransport | undefined;

afterEach(async () => {
  await transport?.close();
  transport = undefined;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(handler: Handler): Promise<{ url: string; connections: () => number }> {
  const server = createServer(handler);
  let connections = 0;
  server.on('connection', () => (connections += 1));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
  };
}

function http(): HttpTransport {
  transport = createHttpTransport();
  return transport;
}

describe('HTTP transport (undici)', () => {
  it('answers status, headers and the whole body as one Buffer, over kept-alive connections', async () => {
    const seen: IncomingMessage['headers'][] = [];
    const server = await serve((req, res) => {
      seen.push(req.headers);
      res.setHeader('X-RateLimit-Remaining', '41');
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end('{"message":"héllo ✓"}');
    });
    const { fetch } = http();
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${server.url}/repos/a/b?per_page=100`, {
        headers: { authorization: 'token abc', 'X-GitHub-Api-Version': '2022-11-28' },
      });
      expect(response.status).toBe(200);
      expect(response.url).toBe(`${server.url}/repos/a/b?per_page=100`);
      expect(response.headers.get('x-ratelimit-remaining')).toBe('41');
      expect(response.headers.get('X-RateLimit-Remaining')).toBe('41');
      expect(Object.fromEntries(response.headers)['content-type']).toBe('application/json; charset=utf-8');
      expect(Buffer.isBuffer(response.body)).toBe(true);
      expect(await response.text()).toBe('{"message":"héllo ✓"}');
    }
    // (undici may open a second connection when a request follows the previous one at once.)
    expect(server.connections()).toBeLessThanOrEqual(2);
    expect(seen[0]?.['authorization']).toBe('token abc');
    expect(seen[0]?.['x-github-api-version']).toBe('2022-11-28');
    expect(seen[0]?.['accept-encoding']).toMatch(/gzip/);
  });

  it('sends the method and a string body (GraphQL)', async () => {
    let received = '';
    const server = await serve((req, res) => {
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (received += chunk));
      req.on('end', () => res.end(`${req.method}`));
    });
    const response = await http().fetch(`${server.url}/graphql`, {
      method: 'POST',
      body: '{"query":"{ viewer { login } }"}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(await response.text()).toBe('POST');
    expect(received).toBe('{"query":"{ viewer { login } }"}');
  });

  it('decodes a gzip body and strips a byte-order mark in text(), as fetch does', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/gzip') {
        res.setHeader('content-encoding', 'gzip');
        res.end(gzipSync(Buffer.from('[1,2,3]')));
      } else res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
    });
    const { fetch } = http();
    expect(await (await fetch(`${server.url}/gzip`)).text()).toBe('[1,2,3]');
    const bom = await fetch(`${server.url}/bom`);
    expect(await bom.text()).toBe('{"a":1}');
    expect((await bom.arrayBuffer()).byteLength).toBe(10);
  });

  it('follows redirects (renamed repositories answer 301): the url is the final one', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/repos/old/name') {
        res.statusCode = 301;
        res.setHeader('location', '/repositories/42');
        res.end('{"message":"Moved Permanently"}');
      } else res.end(JSON.stringify({ path: req.url, auth: req.headers['authorization'] ?? null }));
    });
    const response = await http().fetch(`${server.url}/repos/old/name`, {
      headers: { authorization: 'token abc' },
    });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${server.url}/repositories/42`);
    expect(JSON.parse(await response.text())).toEqual({ path: '/repositories/42', auth: 'token abc' });
  });

  it('never carries the Authorization header to another origin on a redirect', async () => {
    const other = await serve((req, res) => res.end(String(req.headers['authorization'] ?? 'none')));
    const server = await serve((_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', `${other.url}/elsewhere`);
      res.end();
    });
    const response = await http().fetch(`${server.url}/x`, { headers: { authorization: 'token abc' } });
    expect(response.url).toBe(`${other.url}/elsewhere`);
    expect(await response.text()).toBe('none');
  });

  it('does not follow with redirect: manual', async () => {
    const server = await serve((_req, res) => {
      res.statusCode = 301;
      res.setHeader('location', '/elsewhere');
      res.end();
    });
    const response = await http().fetch(`${server.url}/x`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/elsewhere');
  });

  it('a timeout in the middle of the body rejects with TimeoutError (classified retry)', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[1,');
    });
    const err = await http()
      .fetch(`${server.url}/slow`, { signal: AbortSignal.timeout(100) })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('TimeoutError');
    expect(classifyFailure(failureInputOf(err))).toMatchObject({ kind: 'retry', rule: 'network' });
  });

  it('an aborted signal rejects with its reason before anything is sent', async () => {
    const server = await serve((_req, res) => res.end('never'));
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(http().fetch(server.url, { signal: controller.signal })).rejects.toThrow('shutting down');
  });

  it('a connection dropped mid-body rejects with an undici error classified retry', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('[1,2,');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const err = await http()
      .fetch(`${server.url}/drop`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(failureInputOf(err).errorCode).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    expect(classifyFailure(failureInputOf(err))).toMatchObject({ kind: 'retry', rule: 'network' });
  });

  it('error statuses are answers, not failures: 502 with an HTML body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' });
      res.end('<html>unicorn</html>');
    });
    const response = await http().fetch(server.url);
    expect(response.status).toBe(502);
    expect(response.statusText).toBe('Bad Gateway');
    expect(await response.text()).toBe('<html>unicorn</html>');
  });
});
