import type { SurrogateId, TimestampDefaultNow } from './column-types.js';

export type ScheduleTargetKind = 'repository' | 'all' | 'portfolio';

/** A desired crawl schedule; workers reconcile these rows into BullMQ job schedulers. */
export interface ScheduleTable {
  id: SurrogateId;
  target_kind: ScheduleTargetKind;
  repository_id: number | null;
  portfolio_id: number | null;
  every_seconds: number | null;
  cron: string | null;
  created_at: TimestampDefaultNow;
  updated_at: TimestampDefaultNow;
}
