/** Where rendered URLs point: the API base the client used (keeps `/api/v3`) and the web origin. */
export interface RenderContext {
  /** e.g. `http://127.0.0.1:41234` or `http://127.0.0.1:41234/api/v3`. */
  api: string;
  /** e.g. `http://127.0.0.1:41234` (GitHub: https://github.com; Enterprise: https://HOST). */
  web: string;
}

/** REST renders instants in UTC with a `Z` and no fraction, as GitHub does (`2017-10-10T16:00:00Z`). */
export function utc(iso: string): string;
export function utc(iso: string | null): string | null;
export function utc(iso: string | null): string | null {
  if (iso === null) return null;
  // Fast path: already `YYYY-MM-DDTHH:MM:SSZ`.
  if (iso.length === 20 && iso.charCodeAt(19) === 90 && iso.charCodeAt(10) === 84) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
