import type { Queue } from 'bullmq';

export interface QueueBoardOptions {
  readonly queues: readonly Queue[];
  /** Keys that open the board (VITALS_API_KEYS); there is no board without one. */
  readonly apiKeys: readonly string[];
  /** Retry, clean, pause, add… allowed. Off by default: the board is for looking. */
  readonly write?: boolean;
}
