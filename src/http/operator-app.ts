import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { QueueBoardOptions } from './queue-board-options.js';

export interface OperatorAppDeps {
  readonly metrics: Registry;
  /** Bull Board at /queues (behind a bearer key); absent = no board. */
  readonly board?: QueueBoardOptions | undefined;
}

/**
 * The operator endpoints of `vitals serve`: `/metrics` (Prometheus, open like a node exporter's —
 * it holds counts and credential fingerprints, never tokens), `/healthz`, and the queue board.
 * Built apart from listening (`buildApp(deps)`), so tests run it on port 0.
 */
export function buildOperatorApp(deps: OperatorAppDeps): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/metrics', async (_request, reply) => {
    const text = await deps.metrics.metrics();
    return reply.header('content-type', deps.metrics.contentType).send(text);
  });
  const board = deps.board;
  // Loaded only when wanted: bull-board pulls in @fastify/static and its ESM-only dependencies,
  // which jest's CommonJS loader cannot require on Node 20 (Node itself can).
  if (board)
    void app.register(async (scope) => {
      const { queueBoardPlugin } = await import('./queue-board.js');
      await queueBoardPlugin(scope, board);
    });
  return app;
}
