import { combineEvidence } from './combine-evidence.js';
import { readCompany } from './company.signal.js';
import { regionOfCountry } from './country-region.js';
import { readDomain } from './domain.signal.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import type { ContributorSignals, Evidence, GeoMode, GeoResult } from './geo.types.js';
import { readLocation } from './location.signal.js';
import { readTzOffsets } from './tz-offset.signal.js';

/** Reported weight of an operator override: it replaces every other signal. */
const OVERRIDE_WEIGHT = 100;

/**
 * Where a contributor most likely lives, with the signals that decided it (design §5). Pure: the same
 * input and mode give the same answer; the gazetteer is read-only data. Personal names are never read.
 */
export function locateContributor(
  input: ContributorSignals,
  mode: GeoMode,
  gazetteer: Gazetteer = loadGazetteer(),
): GeoResult {
  const login = typeof input.login === 'string' ? input.login : null;
  const override = typeof input.override === 'string' ? input.override.trim().toUpperCase() : '';
  if (override && gazetteer.offsets.has(override))
    return {
      login,
      country: override,
      region: regionOfCountry(override, mode),
      confidence: 1,
      countryConfidence: 1,
      conflict: false,
      signals: [
        {
          kind: 'override',
          value: override,
          evidence: 'operator override (wins)',
          weight: OVERRIDE_WEIGHT,
          country: override,
        },
      ],
    };
  return combineEvidence(gazetteer, login, collectEvidence(gazetteer, input), mode);
}

function collectEvidence(gazetteer: Gazetteer, input: ContributorSignals): Evidence[] {
  const evidence: Array<Evidence | undefined> = [];
  if (typeof input.location === 'string') evidence.push(readLocation(gazetteer, input.location));
  if (input.tzOffsets && typeof input.tzOffsets === 'object')
    evidence.push(readTzOffsets(gazetteer, input.tzOffsets));
  const emails = new Set<string>();
  for (const email of [input.email, ...(Array.isArray(input.commitEmails) ? input.commitEmails : [])])
    if (typeof email === 'string' && email.includes('@')) emails.add(email.trim().toLowerCase());
  const domains = new Set<string>();
  for (const email of emails) {
    const e = readDomain(gazetteer, 'email', email);
    if (e && !domains.has(e.value)) {
      domains.add(e.value);
      evidence.push(e);
    }
  }
  if (typeof input.blog === 'string' && input.blog.trim())
    evidence.push(readDomain(gazetteer, 'blog', input.blog));
  if (typeof input.company === 'string') evidence.push(readCompany(gazetteer, input.company));
  return evidence.filter((e): e is Evidence => e !== undefined);
}
