import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../config/load-config.js';
import { defaultCrawlSettings } from '../../../src/crawl/stage.js';
import { crawlSettingsOf } from '../../../src/runtime/crawl-settings.js';

describe('crawlSettingsOf', () => {
  it('puts the configured reconciliation on top of the crawl defaults', () => {
    const config = loadConfig({
      env: { VITALS_RECONCILE_EVERY_DAYS: '30', VITALS_RECONCILE_VERIFY_LIMIT: '5' },
    });
    const settings = crawlSettingsOf(config);
    expect(settings).toEqual({ ...defaultCrawlSettings, reconcileEveryDays: 30, reconcileVerifyLimit: 5 });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(crawlSettingsOf(loadConfig({ env: {} }))).toEqual(defaultCrawlSettings);
  });
});
