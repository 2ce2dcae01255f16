import type { CallContext } from './call-context.js';
import type { EtagStore } from './etag-store.js';
import type { RestParams, RestResult } from './github-client.types.js';
import { runWithPolicy } from './request-loop.js';

/**
 * One REST request under the failure policy. Conditional when asked: the stored validators go out
 * as If-None-Match (or If-Modified-Since) and a 304 comes back as `{ notModified: true }`. The new
 * validators are stored only when the caller calls `saveValidators()` — after it stored the data.
 */
export function restCall<T>(
  ctx: CallContext,
  route: string,
  params: RestParams,
  options: { conditional: boolean; store: EtagStore | undefined },
): Promise<RestResult<T>> {
  const { octokit, fingerprint, signal } = ctx;
  const { store } = options;
  // Expanding the route again costs ~0.15 ms (octokit's endpoint merge): only when it is needed —
  // conditional requests, stored validators, `requestUrl` read (most pages need none of them).
  let expanded: string | undefined;
  const requestUrl = () => (expanded ??= octokit.request.endpoint(route, params).url);

  const validators = (etag: string | null, lastModified: string | null) => ({
    get requestUrl() {
      return requestUrl();
    },
    etag,
    lastModified,
    saveValidators: async () => {
      if (store && (etag || lastModified)) await store.set(fingerprint, requestUrl(), etag, lastModified);
    },
  });

  return runWithPolicy(async () => {
    ctx.assertUsable();
    const conditionalHeaders: Record<string, string> = {};
    if (options.conditional && store) {
      const cached = await store.get(fingerprint, requestUrl());
      if (cached?.etag) conditionalHeaders['if-none-match'] = cached.etag;
      else if (cached?.lastModified) conditionalHeaders['if-modified-since'] = cached.lastModified;
    }
    try {
      const response = await octokit.request(route, {
        ...params,
        headers: { ...(params['headers'] as Record<string, string> | undefined), ...conditionalHeaders },
        request: { signal },
      });
      // 202: GitHub is still computing the answer — classified `retry`, the loop asks again later.
      if (response.status === 202) throw Object.assign(new Error('Accepted'), { status: 202, response });
      const headers = response.headers as Record<string, string | undefined>;
      // Assigned, not spread: a spread would read the lazy `requestUrl` getter.
      return Object.assign(validators(headers['etag'] ?? null, headers['last-modified'] ?? null), {
        status: response.status,
        data: response.status === 204 ? undefined : (response.data as T),
        notModified: false,
        url: response.url,
        link: headers['link'] ?? null,
      });
    } catch (err) {
      // Octokit throws on 304; for us it is the cheapest answer there is.
      if ((err as { status?: unknown }).status !== 304) throw err;
      const response = (err as { response?: { url?: string; headers?: Record<string, string | undefined> } })
        .response;
      return Object.assign(
        validators(
          response?.headers?.['etag'] ?? conditionalHeaders['if-none-match'] ?? null,
          response?.headers?.['last-modified'] ?? null,
        ),
        {
          status: 304,
          data: undefined,
          notModified: true,
          url: response?.url ?? requestUrl(),
          link: response?.headers?.['link'] ?? null,
        },
      );
    }
  }, ctx.loop);
}
