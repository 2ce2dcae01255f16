import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface OperatorAppDeps {
  readonly metrics: Registry;
}

/**
 * The operator endpoints of `vitals serve` that exist so far: `/metrics` (Prometheus) and
 * `/healthz`. Built apart from listening (`buildApp(deps)`), so tests use `app.inject`.
 */
export function buildOperatorApp(deps: OperatorAppDeps): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/metrics', async (_request, reply) => {
    const text = await deps.metrics.metrics();
    return reply.header('content-type', deps.metrics.contentType).send(text);
  });
  return app;
}
