import { z } from 'zod';
import { CRAWL_STAGES } from '../crawl/stages.js';
import type { StageName } from '../crawl/stage.js';
import { VitalsError } from '../shared/errors.js';

/**
 * Job payloads: ids and windows only — never tokens, never GitHub data (style habit 3). Every
 * processor validates its payload before touching anything, so a malformed job fails alone.
 */
const STAGE_NAMES = CRAWL_STAGES.map((s) => s.name) as [StageName, ...StageName[]];

/** The minute a crawl run belongs to (ISO, seconds zero): runs of one window share job ids. */
const windowSchema = z.iso.datetime().refine((v) => new Date(v).getUTCSeconds() === 0, 'a whole minute');

export const crawlRepositoryPayload = z.strictObject({
  repositoryId: z.number().int().positive(),
  window: windowSchema,
});
export type CrawlRepositoryPayload = z.infer<typeof crawlRepositoryPayload>;

export const crawlStagePayload = z.strictObject({
  repositoryId: z.number().int().positive(),
  window: windowSchema,
  stage: z.enum(STAGE_NAMES),
});
export type CrawlStagePayload = z.infer<typeof crawlStagePayload>;

/** The analysis after a crawl: `window` is the crawl's minute (the job id), the score is as of now. */
export const analyseRepositoryPayload = z.strictObject({
  repositoryId: z.number().int().positive(),
  window: windowSchema,
});
export type AnalyseRepositoryPayload = z.infer<typeof analyseRepositoryPayload>;

export const scheduleTriggerPayload = z.strictObject({
  scheduleId: z.number().int().positive(),
});
export type ScheduleTriggerPayload = z.infer<typeof scheduleTriggerPayload>;

/** Parses a job's data; a malformed payload is INPUT_INVALID (never retried). */
export function parsePayload<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new VitalsError(
      'INPUT_INVALID',
      `Malformed job payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  return parsed.data;
}

/** The window of a run started at `at`: its minute, as an ISO string. */
export function windowOf(at: Date): string {
  const minute = new Date(at.getTime());
  minute.setUTCSeconds(0, 0);
  return minute.toISOString();
}
