import type { GeoMode, Region } from './geo.types.js';

/**
 * Region of a country under a mode (design §5): mainland China is CN; Hong Kong, Macao and Taiwan are
 * their own regions in `mainland` mode, folded into CN by `greater-china-hkmo` (HK, MO) and
 * `greater-china` (HK, MO, TW).
 */
export function regionOfCountry(country: string, mode: GeoMode): Exclude<Region, 'UNKNOWN'> {
  if (country === 'CN') return 'CN';
  if (country === 'HK' || country === 'MO') return mode === 'mainland' ? country : 'CN';
  if (country === 'TW') return mode === 'greater-china' ? 'CN' : 'TW';
  return 'OTHER';
}

/** Whether a reported region counts as "China" under the mode (works on folded and unfolded regions). */
export function isChinaRegion(region: Region, mode: GeoMode): boolean {
  if (region === 'CN') return true;
  if (region === 'HK' || region === 'MO') return mode !== 'mainland';
  if (region === 'TW') return mode === 'greater-china';
  return false;
}
