import type { StageName } from '../crawl/stage.js';

/**
 * Deterministic job ids (no ':' — BullMQ's separator): adding the same crawl of the same window
 * twice is a no-op, and a crawl can be found again by id (`vitals crawl --wait`, status).
 */
export function crawlJobId(repositoryId: number, window: string): string {
  return `crawl-${repositoryId}-${windowKey(window)}`;
}

export function stageJobId(repositoryId: number, window: string, stage: StageName): string {
  return `${crawlJobId(repositoryId, window)}-${stage}`;
}

/** The analysis (geography, score) following the crawl of `window`: one per crawl, never twice. */
export function analyseJobId(repositoryId: number, window: string): string {
  return `analyse-${repositoryId}-${windowKey(window)}`;
}

/** BullMQ job scheduler id of a desired schedule (schedule table row). */
export function schedulerId(scheduleId: number): string {
  return `schedule-${scheduleId}`;
}

export function scheduleIdOf(jobSchedulerId: string): number | undefined {
  const match = /^schedule-(\d+)$/.exec(jobSchedulerId);
  return match ? Number(match[1]) : undefined;
}

/** `2026-11-29T04:10:00.000Z` → `20261129T0410`. */
export function windowKey(window: string): string {
  return window.slice(0, 16).replace(/[-:]/g, '');
}
