import type { MetricDefinition } from '../metric.js';
import {
  FIRST_RESPONSE_COUNTS,
  FIRST_RESPONSE_FORMULA,
  FIRST_RESPONSE_WINDOW_DAYS,
  firstResponseValue,
} from './first-response.js';

export const issueFirstResponseMetric: MetricDefinition = {
  id: 'issue-first-response',
  name: 'Time to first response (issues)',
  motivation:
    'People who report a problem and hear nothing stop reporting. How fast someone answers is the most direct sign that maintainers are present.',
  formula: FIRST_RESPONSE_FORMULA,
  direction: 'lower-is-better',
  windowDays: FIRST_RESPONSE_WINDOW_DAYS,
  counts: `Issues (not pull requests). ${FIRST_RESPONSE_COUNTS}`,
  unit: 'hours',
  compute: (input, asOf) => firstResponseValue(input, asOf, false),
};
