import type { Redis } from 'ioredis';
import { VitalsError } from '../shared/errors.js';
import type { BudgetLedger, BudgetSnapshot } from './budget-ledger.js';
import { snapshotOf } from './budget-snapshot.js';
import {
  blockInState,
  emptyBudgetState,
  reserveInState,
  settleInState,
  type CredentialBudgetState,
  type ReserveDecision,
  type ReserveInput,
} from './budget-state.js';
import type { BudgetObservation } from './rate-limit-headers.js';

export interface RedisBudgetLedgerOptions {
  /** Any ioredis connection; the ledger works on its own duplicate (WATCH needs a connection to itself). */
  redis: Redis;
  /** Key prefix shared by all workers of one deployment, e.g. `vitals`. */
  prefix: string;
  now?: () => number;
}

/** Budget state outlives a window by far, but an abandoned credential's key goes away by itself. */
const STATE_TTL_SECONDS = 2 * 24 * 3600;
const MAX_CONFLICTS = 100;

/**
 * One budget for every worker on every machine (design §4, issue 4): each credential's state is one
 * JSON value in Redis, changed by optimistic transactions (WATCH → read → the same pure arithmetic
 * as the in-memory ledger → MULTI/SET/EXEC, retried on conflict). Transactions of one process are
 * serialised on the ledger's own connection; processes race through WATCH, so none overdraws.
 * Only fingerprints are stored — never tokens.
 */
export class RedisBudgetLedger implements BudgetLedger {
  private readonly connection: Redis;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: RedisBudgetLedgerOptions) {
    this.connection = options.redis.duplicate();
    this.now = options.now ?? Date.now;
  }

  tryReserve(fingerprint: string, input: ReserveInput): Promise<ReserveDecision> {
    return this.transact(fingerprint, (state) => reserveInState(state, input));
  }

  settle(
    fingerprint: string,
    reservationId: string,
    observation: BudgetObservation | undefined,
  ): Promise<void> {
    return this.transact(fingerprint, (state) =>
      settleInState(state, { id: reservationId, observation, nowMs: this.now() }),
    );
  }

  block(fingerprint: string, untilMs: number): Promise<void> {
    return this.transact(fingerprint, (state) => blockInState(state, untilMs));
  }

  async snapshot(): Promise<BudgetSnapshot[]> {
    const pattern = `${this.keyPrefix()}*`;
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.connection.scan(cursor, 'MATCH', pattern, 'COUNT', 100);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const nowMs = this.now();
    const snapshots: BudgetSnapshot[] = [];
    for (const key of keys.sort()) {
      const raw = await this.connection.get(key);
      if (raw !== null)
        snapshots.push(snapshotOf(key.slice(this.keyPrefix().length), parseState(raw), nowMs));
    }
    return snapshots;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.connection.disconnect();
  }

  private keyPrefix(): string {
    return `${this.options.prefix}:github-budget:`;
  }

  private transact<T>(fingerprint: string, change: (state: CredentialBudgetState) => T): Promise<T> {
    const run = this.queue.catch(() => undefined).then(() => this.optimistic(fingerprint, change));
    this.queue = run;
    return run;
  }

  private async optimistic<T>(fingerprint: string, change: (state: CredentialBudgetState) => T): Promise<T> {
    const key = `${this.keyPrefix()}${fingerprint}`;
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      await this.connection.watch(key);
      const raw = await this.connection.get(key);
      const state = raw === null ? emptyBudgetState() : parseState(raw);
      const result = change(state);
      const committed = await this.connection
        .multi()
        .set(key, JSON.stringify(state), 'EX', STATE_TTL_SECONDS)
        .exec();
      if (committed !== null) return result;
    }
    throw new VitalsError(
      'INTERNAL',
      `GitHub budget of ${fingerprint} kept changing under ${MAX_CONFLICTS} transactions`,
      {
        credential: fingerprint,
      },
    );
  }
}

function parseState(raw: string): CredentialBudgetState {
  const parsed = JSON.parse(raw) as Partial<CredentialBudgetState>;
  return {
    ...emptyBudgetState(),
    ...parsed,
    recentPoints: { rest: [], graphql: [], ...parsed.recentPoints },
  };
}
