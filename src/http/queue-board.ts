import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { createBearerCheck } from './operator-auth.js';
import type { QueueBoardOptions } from './queue-board-options.js';

export const BOARD_PATH = '/queues';

/**
 * Bull Board at /queues (a fastify plugin, registered in its own scope so its auth hook covers
 * nothing else), behind the operator's bearer key. Read-only unless `write`: every queue
 * adapter is in bull-board's readOnlyMode (its write routes answer 405), and the hook below
 * refuses anything but GET/HEAD as well, so a route bull-board adds later is not writable either.
 */
export async function queueBoardPlugin(scope: FastifyInstance, options: QueueBoardOptions): Promise<void> {
  if (options.apiKeys.length === 0) throw new Error('the queue board needs at least one API key');
  const authorized = createBearerCheck(options.apiKeys);
  const write = options.write ?? false;
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: options.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: !write })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'OSS Vitals queues' } },
  });
  scope.addHook('onRequest', async (request, reply) => {
    if (!authorized(request.headers.authorization))
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="vitals operator"')
        .send({ error: 'UNAUTHORIZED', message: 'send Authorization: Bearer <one of VITALS_API_KEYS>' });
    if (!write && request.method !== 'GET' && request.method !== 'HEAD')
      return reply
        .code(405)
        .send({ error: 'READ_ONLY', message: 'the queue board is read-only (vitals serve --board-write)' });
    return undefined;
  });
  await scope.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
}
