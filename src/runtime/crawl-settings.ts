import type { Config } from '../../config/load-config.js';
import { defaultCrawlSettings, type CrawlSettings } from '../crawl/stage.js';

/** The crawl's tuning: the defaults, with what the operator configured (reconciliation) on top. */
export function crawlSettingsOf(config: Pick<Config, 'reconcile'>): CrawlSettings {
  return Object.freeze({
    ...defaultCrawlSettings,
    reconcileEveryDays: config.reconcile.everyDays,
    reconcileVerifyLimit: config.reconcile.verifyLimit,
  });
}
