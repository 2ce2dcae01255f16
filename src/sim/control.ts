import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimState } from './sim-state.js';

/**
 * Control endpoints under /_sim/ (JSON; never counted in stats or budgets):
 * GET /_sim/stats, POST /_sim/reset, GET|PATCH /_sim/config, POST /_sim/mutate.
 */
export function registerControlRoutes(app: FastifyInstance, state: SimState): void {
  app.get('/_sim/stats', (_request, reply) => sendJson(reply, 200, state.stats.snapshot()));
  app.post('/_sim/reset', (_request, reply) => {
    state.reset();
    sendJson(reply, 200, { reset: true });
  });
  app.get('/_sim/config', (_request, reply) => sendJson(reply, 200, state.config));
  app.patch('/_sim/config', (request, reply) => {
    try {
      state.configure(request.body ?? {});
    } catch (err) {
      sendJson(reply, 400, { message: err instanceof Error ? err.message : String(err) });
      return;
    }
    sendJson(reply, 200, state.config);
  });
}

function sendJson(reply: FastifyReply, status: number, body: unknown): void {
  void reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}
