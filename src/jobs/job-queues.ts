import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Producer side of the queues for one deployment (one BullMQ `prefix`): a FlowProducer and Queue
 * handles created on first use, all on the caller's connection, closed together.
 */
export interface JobQueues {
  readonly prefix: string;
  readonly connection: Redis;
  readonly flows: FlowProducer;
  queue(name: string): Queue;
  close(): Promise<void>;
}

export function createJobQueues(
  connection: Redis,
  prefix: string,
  // BullMQ prints connection errors to the console unless someone listens; the connection's owner
  // (runtime/redis.ts) logs them once already.
  onError: (err: Error) => void = () => undefined,
): JobQueues {
  const queues = new Map<string, Queue>();
  let flows: FlowProducer | undefined;
  return {
    prefix,
    connection,
    get flows() {
      if (!flows) {
        flows = new FlowProducer({ connection, prefix });
        flows.on('error', onError);
      }
      return flows;
    },
    queue(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new Queue(name, { connection, prefix });
        queue.on('error', onError);
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await flows?.close();
    },
  };
}
