/**
 * Validators of conditional requests, per (credential fingerprint, URL): ETags belong to the token
 * that received them. The store helper provides a PostgreSQL-backed implementation (`http_cache`);
 * the in-memory one serves tests and one-off runs. A 304 costs no primary budget
 * (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 */
export interface CachedValidators {
  etag: string | null;
  lastModified: string | null;
}

export interface EtagStore {
  get(fingerprint: string, url: string): Promise<CachedValidators | undefined>;
  set(fingerprint: string, url: string, etag: string | null, lastModified: string | null): Promise<void>;
}

export class InMemoryEtagStore implements EtagStore {
  private readonly entries = new Map<string, CachedValidators>();

  async get(fingerprint: string, url: string): Promise<CachedValidators | undefined> {
    return this.entries.get(`${fingerprint} ${url}`);
  }

  async set(
    fingerprint: string,
    url: string,
    etag: string | null,
    lastModified: string | null,
  ): Promise<void> {
    this.entries.set(`${fingerprint} ${url}`, { etag, lastModified });
  }

  get size(): number {
    return this.entries.size;
  }
}
