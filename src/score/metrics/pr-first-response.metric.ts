import type { MetricDefinition } from '../metric.js';
import {
  FIRST_RESPONSE_COUNTS,
  FIRST_RESPONSE_FORMULA,
  FIRST_RESPONSE_WINDOW_DAYS,
  firstResponseValue,
} from './first-response.js';

export const prFirstResponseMetric: MetricDefinition = {
  id: 'pr-first-response',
  name: 'Time to first response (pull requests)',
  motivation:
    'A contribution left without a review is a contributor lost. Fast first reviews turn first-time contributors into regulars.',
  formula: FIRST_RESPONSE_FORMULA,
  direction: 'lower-is-better',
  windowDays: FIRST_RESPONSE_WINDOW_DAYS,
  counts: `Pull requests. ${FIRST_RESPONSE_COUNTS}`,
  unit: 'hours',
  compute: (input, asOf) => firstResponseValue(input, asOf, true),
};
