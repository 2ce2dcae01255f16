import { loadConfig, type GeoMode } from '../../config/load-config.js';
import { VitalsError } from '../shared/errors.js';

export const GEO_MODES: readonly GeoMode[] = ['mainland', 'greater-china-hkmo', 'greater-china'];

/** A `--mode` option, else the config's VITALS_GEO_MODE (default `mainland`). Bad value → exit 2. */
export function resolveGeoMode(option: string | undefined, configFile: string | undefined): GeoMode {
  if (option === undefined) return loadConfig({ file: configFile }).geoMode;
  if ((GEO_MODES as readonly string[]).includes(option)) return option as GeoMode;
  throw new VitalsError('INPUT_INVALID', `--mode must be one of ${GEO_MODES.join(', ')}`, { mode: option });
}
