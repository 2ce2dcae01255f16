/**
 * Recently served list pages, bounded by size (least recently used evicted first). Keys include the
 * repository's fingerprint, so a changed repository never serves a stale page; the bound keeps
 * memory flat however big the world is (items are rendered per request, not kept).
 */
export interface CachedPage {
  json: string;
  hash: string;
  link: string;
}

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page !== undefined) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage): void {
    if (page.json.length > this.maxChars / 4) return;
    const previous = this.pages.get(key);
    if (previous !== undefined) {
      this.size -= previous.json.length;
      this.pages.delete(key);
    }
    this.pages.set(key, page);
    this.size += page.json.length;
    for (const [oldest, evicted] of this.pages) {
      if (this.size <= this.maxChars) break;
      this.pages.delete(oldest);
      this.size -= evicted.json.length;
    }
  }

  clear(): void {
    this.pages.clear();
    this.size = 0;
  }
}
