/**
 * ETags and Link headers of recently served list pages, bounded by count, least recently used
 * evicted first; the most recently used pages also keep their bodies, within a byte budget. Keys
 * include the repository's fingerprint, so a changed repository never reuses an old entry. A
 * conditional request for a known page is answered 304 without rendering it — the idle re-crawl
 * path — and a page whose body is kept is sent again without rendering it, while memory stays
 * bounded however big the world is.
 */
export interface KnownPage {
  hash: string;
  link: string;
  /** The page's bytes, while within the byte budget. */
  body?: Buffer;
}

export class PageCache {
  private readonly pages = new Map<string, { hash: string; link: string }>();
  private readonly bodies = new Map<string, Buffer>();
  private bodyBytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBodyBytes = 0,
  ) {}

  get(key: string): KnownPage | undefined {
    const page = this.pages.get(key);
    if (page === undefined) return undefined;
    this.pages.delete(key);
    this.pages.set(key, page);
    const body = this.bodies.get(key);
    if (body === undefined) return page;
    this.bodies.delete(key);
    this.bodies.set(key, body);
    return { ...page, body };
  }

  set(key: string, page: KnownPage): void {
    this.dropBody(key);
    this.pages.delete(key);
    this.pages.set(key, { hash: page.hash, link: page.link });
    if (this.pages.size > this.maxEntries) {
      const oldest = this.pages.keys().next().value as string;
      this.pages.delete(oldest);
      this.dropBody(oldest);
    }
    if (page.body === undefined || page.body.length > this.maxBodyBytes) return;
    this.bodies.set(key, page.body);
    this.bodyBytes += page.body.length;
    while (this.bodyBytes > this.maxBodyBytes) this.dropBody(this.bodies.keys().next().value as string);
  }

  clear(): void {
    this.pages.clear();
    this.bodies.clear();
    this.bodyBytes = 0;
  }

  private dropBody(key: string): void {
    const body = this.bodies.get(key);
    if (body === undefined) return;
    this.bodyBytes -= body.length;
    this.bodies.delete(key);
  }
}
