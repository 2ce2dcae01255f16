import { writeFileSync } from 'node:fs';
import { loadScoringConfig } from '../../config/scoring/load-scoring-config.js';
import { renderMetricsDoc } from './metrics-doc.js';
import { METRICS } from './registry.js';

// Script behind `npm run docs:metrics`: the one place that writes docs/metrics.md.
const target = new URL('../../docs/metrics.md', import.meta.url);
writeFileSync(target, renderMetricsDoc(METRICS, loadScoringConfig()));
console.error(`wrote ${target.pathname}`);
