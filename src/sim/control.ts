import type { FastifyInstance, FastifyReply } from 'fastify';
import { isVitalsError } from '../shared/errors.js';
import type { SimState } from './sim-state.js';
import {
  deleteActivity,
  generateActivity,
  type ActivityCounts,
  type DeletionCounts,
} from './worlds/index.js';

const COUNT_KEYS = ['commits', 'issues', 'pullRequests', 'comments', 'reviews', 'releases'] as const;
const DELETE_KEYS = ['deleteComments', 'deleteIssues', 'deleteReviewComments', 'deleteReleases'] as const;

/**
 * Control endpoints under /_sim/ (JSON; never counted in stats or budgets):
 * GET /_sim/stats, POST /_sim/reset, GET|PATCH /_sim/config, POST /_sim/mutate.
 * /_sim/mutate `{ repo, commits?, issues?, …, seed? }` appends activity; with `deleteComments`,
 * `deleteIssues`, `deleteReviewComments` or `deleteReleases` (never with additions) it removes that many items instead
 * (see worlds/delete-activity.ts) and answers `{ deleted }`.
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
  let mutations = 0;
  app.post('/_sim/mutate', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const [owner, name] = typeof body['repo'] === 'string' ? body['repo'].split('/') : [];
    const found = owner && name ? state.index.repoByFullName(owner, name) : undefined;
    if (found === undefined) {
      sendJson(reply, 404, { message: `No repository ${String(body['repo'])} in this world` });
      return;
    }
    const counts: ActivityCounts = {};
    for (const key of COUNT_KEYS) if (body[key] !== undefined) counts[key] = body[key] as number;
    const deletions: DeletionCounts = {};
    for (const key of DELETE_KEYS) {
      const value = body[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        sendJson(reply, 400, { message: `${key} must be a non-negative integer` });
        return;
      }
      deletions[key] = value;
    }
    mutations += 1;
    const seed =
      typeof body['seed'] === 'number' ? body['seed'] : state.config.faults.seed * 7919 + mutations;
    if (Object.keys(deletions).length > 0) {
      if (Object.keys(counts).length > 0) {
        sendJson(reply, 400, { message: 'Add or delete in one mutation, not both' });
        return;
      }
      const deleted = deleteActivity(found.repo, deletions, seed);
      state.index.invalidate();
      state.pages.clear();
      sendJson(reply, 200, { deleted });
      return;
    }
    try {
      const added = generateActivity(state.world, found.repo, counts, seed, new Date(state.now()));
      // Items may have changed in place (updatedAt of commented issues): drop every derived index.
      state.index.invalidate();
      state.pages.clear();
      sendJson(reply, 200, added);
    } catch (err) {
      if (!isVitalsError(err)) throw err;
      sendJson(reply, 400, { message: err.message });
    }
  });
}

function sendJson(reply: FastifyReply, status: number, body: unknown): void {
  void reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}
