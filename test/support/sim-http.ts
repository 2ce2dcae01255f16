import { randomBytes } from 'node:crypto';

/** A fake credential built at run time (never shaped like a real GitHub token). */
export function fakeToken(label = 'sim'): string {
  return `${label}-${randomBytes(8).toString('hex')}`;
}

export interface SimResponse {
  status: number;
  headers: Headers;
  text: string;
  json: () => unknown;
}

/** GET over real HTTP; redirects are not followed unless asked. */
export async function simGet(
  baseUrl: string,
  path: string,
  options: { token?: string; headers?: Record<string, string>; follow?: boolean } = {},
): Promise<SimResponse> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `token ${options.token}`;
  const url = path.startsWith('http') ? path : `${baseUrl}${path}`;
  const response = await fetch(url, { headers, redirect: options.follow ? 'follow' : 'manual' });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as unknown,
  };
}

/** Parses a `Link` header into `[rel, url]` pairs in header order. */
export function parseLink(header: string | null): Array<[string, string]> {
  if (header === null || header === '') return [];
  return header.split(', ').map((part) => {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (match === null) throw new Error(`malformed Link part: ${part}`);
    return [match[2] as string, match[1] as string];
  });
}

export function nextLink(header: string | null): string | undefined {
  return parseLink(header).find(([rel]) => rel === 'next')?.[1];
}
