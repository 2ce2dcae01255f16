import { readFileSync } from 'node:fs';
import { VitalsError } from '../../src/shared/errors.js';
import { parseScoringConfig, type ScoringConfig } from '../../src/score/scoring-config.js';

export const CURRENT_SCORING_VERSION = 'v1';

/** Reads and validates config/scoring/<version>.json (versions look like v1, v2, …). */
export function loadScoringConfig(version: string = CURRENT_SCORING_VERSION): ScoringConfig {
  if (!/^v\d+$/.test(version))
    throw new VitalsError(
      'CONFIG_INVALID',
      `Invalid scoring config version: ${version} (expected v1, v2, …)`,
      {
        key: 'version',
      },
    );
  const url = new URL(`./${version}.json`, import.meta.url);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(url, 'utf8'));
  } catch (err) {
    throw new VitalsError(
      'CONFIG_INVALID',
      `Scoring config ${version} cannot be read as JSON`,
      { key: version },
      {
        cause: err,
      },
    );
  }
  const config = parseScoringConfig(raw);
  if (config.version !== version)
    throw new VitalsError(
      'CONFIG_INVALID',
      `Invalid scoring config version: file ${version}.json says ${config.version}`,
      {
        key: 'version',
      },
    );
  return config;
}
