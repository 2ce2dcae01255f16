/** A fetched page and the cursor of the page after it (undefined: it was the last). */
export interface AheadPage<C, P> {
  readonly page: P;
  readonly next: C | undefined;
}

/**
 * Walks a cursor chain (GitHub's `Link: next`, GraphQL `endCursor`) ahead of its consumer: from the
 * call on, and while the consumer stores a page, up to `ahead` further pages are fetched, so a serial
 * chain never stands still waiting for the database. Pages come out in chain order. A failed fetch is
 * thrown after the pages before it. `return()` (a `for await` left early) stops the walk; a request
 * in flight is left to end. `nextOf` decides where the chain goes, so a walk can stop at a known item.
 */
export function readAhead<C, P>(
  start: C,
  fetchPage: (cursor: C) => Promise<P>,
  nextOf: (page: P) => C | undefined,
  ahead: number,
): AsyncIterableIterator<AheadPage<C, P>> {
  const room = Math.max(1, ahead);
  const buffer: AheadPage<C, P>[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  let stopped = false;
  let wakeConsumer = () => {};
  let wakeProducer = () => {};

  void (async () => {
    let cursor: C | undefined = start;
    try {
      while (cursor !== undefined && !stopped) {
        while (buffer.length >= room && !stopped) await new Promise<void>((r) => (wakeProducer = r));
        if (stopped) break;
        const page = await fetchPage(cursor);
        cursor = nextOf(page);
        buffer.push({ page, next: cursor });
        wakeConsumer();
      }
    } catch (error) {
      failure = { error };
    }
    finished = true;
    wakeConsumer();
  })();

  const done = (): IteratorResult<AheadPage<C, P>> => ({ value: undefined, done: true });
  return {
    async next() {
      for (;;) {
        const item = buffer.shift();
        if (item !== undefined) {
          wakeProducer();
          return { value: item, done: false };
        }
        if (stopped) return done();
        if (failure) {
          stopped = true;
          throw failure.error;
        }
        if (finished) return done();
        await new Promise<void>((r) => (wakeConsumer = r));
      }
    },
    async return() {
      stopped = true;
      buffer.length = 0;
      wakeProducer();
      return done();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
