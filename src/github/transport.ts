/**
 * The part of `fetch` the GitHub client uses: octokit calls it with a URL string and a RequestInit
 * and reads status, url, headers (get and iteration), text()/arrayBuffer() and, for success bodies,
 * `body` (see create-octokit's parseBodiesNatively). `globalThis.fetch` is one (tests inject it);
 * the default is the undici transport of http-transport.ts.
 */
export interface TransportResponse {
  readonly status: number;
  readonly statusText: string;
  /** The final URL, after redirects. */
  readonly url: string;
  readonly headers: TransportHeaders;
  /** fetch: a ReadableStream (or null); the HTTP transport: the whole body, already read, as a Buffer. */
  readonly body: unknown;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Header names are case-insensitive for `get`; iteration yields lowercase names. */
export interface TransportHeaders extends Iterable<[string, string]> {
  get(name: string): string | null;
}

export type Transport = (url: string, init?: RequestInit) => Promise<TransportResponse>;

/** Request headers (octokit passes a plain object) as one plain object with lowercase names. */
export function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  const entries =
    headers === undefined
      ? []
      : headers instanceof Headers || Array.isArray(headers)
        ? headers
        : Object.entries(headers);
  for (const [name, value] of entries)
    if (name !== undefined && value !== undefined)
      out[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  return out;
}
