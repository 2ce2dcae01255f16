import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { Agent, errors, interceptors, type Dispatcher } from 'undici';
import { arrayBufferOf, utf8Text } from './body-bytes.js';
import { headerRecord, type Transport, type TransportHeaders, type TransportResponse } from './transport.js';

/**
 * The default transport of the GitHub client: undici's dispatcher over a keep-alive Agent instead of
 * Node's built-in fetch. A crawl parses ~100 KB of JSON per request and the crawling process is
 * single-threaded: fetch's web streams, Response/Headers objects and TextDecoder cost more CPU than
 * the JSON.parse itself (~3.4 against ~2.2 ms per 140 KB response in a micro-benchmark). Here the
 * body is read as Buffer chunks by a handler of undici's dispatch API, concatenated once and handed
 * over as one Buffer.
 *
 * What fetch did and this keeps: redirects are followed (renamed repositories answer 301; the final
 * URL is the response's `url`; undici drops Authorization on a cross-origin hop), compressed bodies
 * are asked for and decoded, the abort signal rejects with its reason (our TimeoutError) and failed
 * connections throw undici's errors (UND_ERR_SOCKET, ECONNRESET …) that classifyFailure() reads.
 * The body is read before the promise resolves, so an abort or a dropped connection mid-body
 * rejects the call itself.
 */
export interface HttpTransport {
  fetch: Transport;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/** Response headers as undici parses them: lowercase names, repeated ones as arrays. */
type ResponseHeaderRecord = Record<string, string | string[] | undefined>;

/** fetch's limit (https://fetch.spec.whatwg.org/#http-redirect-fetch). */
const MAX_REDIRECTIONS = 20;
/** Idle connections are kept this long (GitHub keeps them open longer). */
const KEEP_ALIVE_MS = 30_000;
const ACCEPT_ENCODING = 'gzip, deflate, br';

const DECODERS = new Map<string, (body: Buffer) => Promise<Buffer>>([
  ['gzip', promisify(gunzip)],
  ['x-gzip', promisify(gunzip)],
  ['deflate', promisify(inflate)],
  ['br', promisify(brotliDecompress)],
]);

export function createHttpTransport(): HttpTransport {
  const agent = new Agent({ keepAliveTimeout: KEEP_ALIVE_MS });
  const following = agent.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }));
  return {
    fetch: async (url, init = {}) => {
      const received = await bufferedExchange(
        // 'manual' and 'error' both mean "do not follow" (octokit leaves `redirect` unset).
        init.redirect === 'manual' || init.redirect === 'error' ? agent : following,
        url,
        (init.method ?? 'GET') as Dispatcher.HttpMethod,
        requestHeaders(init.headers),
        requestBody(init.body),
        init.signal ?? undefined,
      );
      const headers = responseHeaders(received.headers);
      const body = await decoded(received.body, headers.get('content-encoding'));
      return new BufferedResponse(received.status, received.statusText, received.url, headers, body);
    },
    close: () => agent.close(),
  };
}

interface Exchange {
  status: number;
  statusText: string;
  /** The final URL, after redirects. */
  url: string;
  headers: ResponseHeaderRecord;
  body: Buffer;
}

/**
 * One request through undici's dispatcher API, the body gathered as Buffer chunks. `request()` would
 * hand its headers to a Readable body stream (a second header parse behind the redirect
 * interceptor, a stream per response, then a copy out of it): ~0.1 ms per 150 KB response.
 */
function bufferedExchange(
  dispatcher: Dispatcher,
  url: string,
  method: Dispatcher.HttpMethod,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    // As request(): an already aborted signal rejects with its reason, nothing is sent.
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const handler = new BufferingHandler(url, signal, resolve, reject);
    try {
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new errors.InvalidArgumentError(
          'Invalid URL protocol: the URL must start with `http:` or `https:`.',
        );
      dispatcher.dispatch(
        { origin: target.origin, path: `${target.pathname}${target.search}`, method, headers, body },
        handler,
      );
    } catch (err) {
      handler.onResponseError(undefined, err as Error);
    }
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new errors.RequestAbortedError();
}

/** Collects one response; an abort of `signal` aborts the exchange with the signal's reason. */
class BufferingHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private history: readonly URL[] | undefined;
  private status = 0;
  private statusText = '';
  private headers: ResponseHeaderRecord = {};
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private settled = false;
  private readonly onAbort = () => {
    if (this.signal !== undefined) this.controller?.abort(abortReason(this.signal) as Error);
  };

  constructor(
    private readonly url: string,
    private readonly signal: AbortSignal | undefined,
    private readonly resolve: (exchange: Exchange) => void,
    private readonly reject: (reason: unknown) => void,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Called again for each redirect hop (a new controller each time). */
  onRequestStart(controller: Dispatcher.DispatchController, context: { history?: readonly URL[] }): void {
    this.controller = controller;
    this.history = context?.history;
    if (this.signal?.aborted) this.onAbort();
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: ResponseHeaderRecord,
    statusMessage?: string,
  ): void {
    if (statusCode < 200) return; // 1xx: informational, the answer follows
    this.status = statusCode;
    this.statusText = statusMessage ?? '';
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  onResponseEnd(): void {
    if (this.finish()) return;
    this.resolve({
      status: this.status,
      statusText: this.statusText,
      url: this.history?.at(-1)?.href ?? this.url,
      headers: this.headers,
      // A copy: the chunks are views of the socket's reads.
      body: Buffer.concat(this.chunks, this.length),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.finish()) return;
    this.reject(error);
  }

  /** True when the exchange had already ended. */
  private finish(): boolean {
    if (this.settled) return true;
    this.settled = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    return false;
  }
}

/** A response whose body has been read whole. */
class BufferedResponse implements TransportResponse {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    readonly headers: TransportHeaders,
    readonly body: Buffer,
  ) {}

  text(): Promise<string> {
    return Promise.resolve(utf8Text(this.body));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(arrayBufferOf(this.body));
  }
}

class MapHeaders implements TransportHeaders {
  constructor(private readonly values: Map<string, string>) {}

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.values.entries();
  }
}

/** undici gives lowercase names, repeated headers as arrays: joined as fetch joins them. */
function responseHeaders(raw: ResponseHeaderRecord): TransportHeaders {
  const values = new Map<string, string>();
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) values.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new MapHeaders(values);
}

function requestHeaders(headers: RequestInit['headers']): Record<string, string> {
  const out = headerRecord(headers);
  out['accept-encoding'] ??= ACCEPT_ENCODING;
  return out;
}

function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  // Octokit sends JSON strings; streams, forms and blobs are not needed by this client.
  throw new TypeError('The GitHub HTTP transport sends string or byte bodies only');
}

async function decoded(body: Buffer, encoding: string | null): Promise<Buffer> {
  if (encoding === null || body.length === 0) return body;
  // Applied in reverse order of the header (RFC 9110 §8.4); off the main thread (zlib's pool).
  let out = body;
  for (const coding of encoding.split(',').reverse()) {
    const name = coding.trim().toLowerCase();
    if (name === '' || name === 'identity') continue;
    const decode = DECODERS.get(name);
    if (decode === undefined) throw new TypeError(`Unsupported content-encoding ${name}`);
    out = await decode(out);
  }
  return out;
}
