/**
 * ETags and Link headers of recently served list pages (not their bodies), bounded by count, least
 * recently used evicted first. Keys include the repository's fingerprint, so a changed repository
 * never reuses an old entry. A conditional request for a known page is answered 304 without
 * rendering it — the idle re-crawl path — while memory stays flat however big the world is.
 */
export interface KnownPage {
  hash: string;
  link: string;
}

export class PageCache {
  private readonly pages = new Map<string, KnownPage>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): KnownPage | undefined {
    const page = this.pages.get(key);
    if (page !== undefined) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: KnownPage): void {
    this.pages.delete(key);
    this.pages.set(key, page);
    if (this.pages.size > this.maxEntries) {
      const oldest = this.pages.keys().next().value;
      if (oldest !== undefined) this.pages.delete(oldest);
    }
  }

  clear(): void {
    this.pages.clear();
  }
}
