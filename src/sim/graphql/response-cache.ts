/**
 * Whole GraphQL response bodies (JSON bytes) by query text and variables, for one state of the
 * world: a repeated crawl asks every history page again, and rebuilding a page from cached nodes
 * still cost most of a repeated GraphQL request. Like NodeCache, an entry is only valid for one
 * world generation and a new generation drops everything. Only answers that read nothing but the
 * world belong here — the caller leaves out those that read the `rateLimit` snapshot or carry
 * errors. Bounded by bytes (keys included), least recently used dropped first.
 */
export class ResponseCache {
  private generation: string | undefined;
  private readonly bodies = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Starts over when the world changed since the last request. */
  use(generation: string): this {
    if (generation !== this.generation) {
      this.generation = generation;
      this.bodies.clear();
      this.bytes = 0;
    }
    return this;
  }

  get(key: string): Buffer | undefined {
    const body = this.bodies.get(key);
    if (body === undefined) return undefined;
    this.bodies.delete(key);
    this.bodies.set(key, body);
    return body;
  }

  /** Keeps `body` if the world is still at `generation` (it was computed for that one). */
  set(generation: string, key: string, body: Buffer): void {
    if (generation !== this.generation) return;
    const size = entrySize(key, body);
    if (size > this.maxBytes) return;
    this.drop(key);
    this.bodies.set(key, body);
    this.bytes += size;
    while (this.bytes > this.maxBytes) this.drop(this.bodies.keys().next().value as string);
  }

  private drop(key: string): void {
    const body = this.bodies.get(key);
    if (body === undefined) return;
    this.bytes -= entrySize(key, body);
    this.bodies.delete(key);
  }
}

/** A key's characters count as two bytes (V8 may hold it as UTF-16). */
function entrySize(key: string, body: Buffer): number {
  return body.length + key.length * 2;
}
