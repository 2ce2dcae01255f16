import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { loadScoringConfig } from '../../../config/scoring/load-scoring-config.js';
import { renderMetricsDoc } from '../../../src/score/metrics-doc.js';
import { METRICS, METRIC_IDS } from '../../../src/score/registry.js';

const metricsDir = new URL('../../../src/score/metrics/', import.meta.url);

describe('metric registry', () => {
  it('has unique kebab-case ids, one *.metric.ts file per metric, named after its id', () => {
    expect(new Set(METRIC_IDS).size).toBe(METRIC_IDS.length);
    for (const id of METRIC_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    const files = readdirSync(metricsDir).filter((f) => f.endsWith('.metric.ts'));
    expect(files.map((f) => f.replace(/\.metric\.ts$/, '')).sort()).toEqual([...METRIC_IDS].sort());
  });

  it('every definition is complete', () => {
    for (const m of METRICS) {
      for (const field of [m.name, m.motivation, m.formula, m.counts, m.unit])
        expect(field.length).toBeGreaterThan(3);
      expect(['higher-is-better', 'lower-is-better']).toContain(m.direction);
      if (m.windowDays !== null) expect(m.windowDays).toBeGreaterThan(0);
    }
  });
});

describe('docs/metrics.md', () => {
  it('is what `npm run docs:metrics` generates from the registry and config (regenerate when this fails)', () => {
    const committed = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderMetricsDoc(METRICS, loadScoringConfig()));
  });

  it('lists every metric with its weight', () => {
    const doc = renderMetricsDoc(METRICS, loadScoringConfig());
    for (const id of METRIC_IDS) expect(doc).toContain(`- Id: \`${id}\``);
    expect(doc).toContain('- Weight (v1): 10 of 100');
  });
});
