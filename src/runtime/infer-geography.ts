import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import { loadGazetteer } from '../geo/gazetteer.js';
import type { ContributorSignals, GeoMode, Region } from '../geo/geo.types.js';
import { locateContributor } from '../geo/locate-contributor.js';
import { loadGeoEvidence, listGeoPeople, type GeoPersonEvidence } from '../store/geo-evidence.store.js';
import { listGeoOverrides, type GeoOverride } from '../store/geo-override.store.js';
import { listGeoInputHashes, upsertGeoPeople, type GeoPerson } from '../store/geo-person.store.js';
import { upsertRepositoryGeography } from '../store/geo-report.store.js';
import { getGeographyReport } from './geography-report.js';

/*
 * Composition of geography: store (people of the repositories and what is known about them, over
 * all repositories) → pure inference (src/geo) → store (geo_person), then the per-project aggregate
 * (repository_geography). A person is re-inferred only when the hash of their inputs changed: a
 * re-fetched profile with a new location, new commits with new offsets or addresses, an override.
 */

/** Bump when src/geo or config/geo change what an input means, so every person is re-inferred. */
export const GEO_INFERENCE_VERSION = '1';

const MODES: readonly GeoMode[] = ['mainland', 'greater-china-hkmo', 'greater-china'];
/** locate reads at most 200 commit addresses; the most used ones say the most. */
const MAX_COMMIT_EMAILS = 200;

export interface InferGeographyOptions {
  /** The mode of the stored per-project aggregates (config VITALS_GEO_MODE). */
  readonly mode: GeoMode;
  readonly now?: Date;
  /** Re-infer everyone, whatever their input hash. */
  readonly force?: boolean;
}

export interface InferGeographyOutcome {
  /** People seen in the repositories (bots and deleted accounts excluded). */
  readonly people: number;
  /** People whose inputs changed (or were new) and were inferred now. */
  readonly inferred: number;
  readonly unchanged: number;
  readonly durationMs: number;
}

/** Infers every person of these repositories whose inputs changed, then stores each project's geography. */
export async function inferGeography(
  db: Kysely<Database>,
  repositoryIds: readonly number[],
  options: InferGeographyOptions,
): Promise<InferGeographyOutcome> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const people = await listGeoPeople(db, repositoryIds);
  const outcome = await inferPeople(db, await loadGeoEvidence(db, people), now, options.force === true);
  for (const repositoryId of repositoryIds) {
    const report = await getGeographyReport(db, repositoryId, now, options.mode);
    await upsertRepositoryGeography(db, repositoryId, options.mode, now, report);
  }
  return { people: people.length, ...outcome, durationMs: performance.now() - started };
}

/** Re-infers the people with these keys (after an override changed); returns how many were inferred. */
export async function reinferPeople(
  db: Kysely<Database>,
  people: readonly { key: string; userId: number | null }[],
  now: Date = new Date(),
): Promise<number> {
  return (await inferPeople(db, await loadGeoEvidence(db, people), now, true)).inferred;
}

async function inferPeople(
  db: Kysely<Database>,
  evidence: readonly GeoPersonEvidence[],
  now: Date,
  force: boolean,
): Promise<{ inferred: number; unchanged: number }> {
  const overrides = overrideFinder(await listGeoOverrides(db));
  const hashes = await listGeoInputHashes(
    db,
    evidence.map((e) => e.key),
  );
  const gazetteer = loadGazetteer();
  const changed: Omit<GeoPerson, 'inferredAt'>[] = [];
  for (const person of evidence) {
    const signals = toSignals(person, overrides(person));
    const inputHash = hashInputs(signals);
    if (!force && hashes.get(person.key) === inputHash) continue;
    const results = MODES.map((mode) => locateContributor(signals, mode, gazetteer));
    const mainland = results[0]!;
    // Under an override, keep what the evidence alone says, listed as not counted, for `geo explain`.
    const overridden = signals.override
      ? locateContributor({ ...signals, override: undefined }, 'mainland', gazetteer).signals.map((g) => ({
          ...g,
          weight: 0,
          evidence: `overridden: ${g.evidence}`,
        }))
      : [];
    changed.push({
      key: person.key,
      userId: person.userId,
      login: person.login,
      country: mainland.country,
      countryConfidence: mainland.countryConfidence,
      region: mainland.region,
      confidence: mainland.confidence,
      conflict: mainland.conflict,
      regions: Object.fromEntries(MODES.map((m, i) => [m, results[i]!.region])) as Record<GeoMode, Region>,
      signals: [...mainland.signals, ...overridden],
      overrideCountry: signals.override ?? null,
      inputHash,
    });
  }
  await upsertGeoPeople(db, changed, now);
  return { inferred: changed.length, unchanged: evidence.length - changed.length };
}

/** An override applies by account id when it recorded one (renames), else by key. */
function overrideFinder(overrides: readonly GeoOverride[]) {
  const byUser = new Map<number, string>();
  const byKey = new Map<string, string>();
  for (const o of overrides) {
    if (o.userId !== null) byUser.set(o.userId, o.country);
    else byKey.set(o.subjectKey, o.country);
  }
  return (p: GeoPersonEvidence): string | undefined =>
    (p.userId !== null ? byUser.get(p.userId) : undefined) ?? byKey.get(p.key);
}

/** The `vitals geo locate` input of a person, in a canonical order (the hash depends on it). */
function toSignals(p: GeoPersonEvidence, override: string | undefined): ContributorSignals {
  const commitEmails = [...p.commitEmails]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_COMMIT_EMAILS)
    .map(([email]) => email)
    .sort();
  const tzOffsets: Record<string, number> = {};
  for (const [minutes, n] of [...p.offsets].sort((a, b) => a[0] - b[0])) {
    const key = formatOffset(minutes);
    tzOffsets[key] = (tzOffsets[key] ?? 0) + n;
  }
  return {
    ...(p.login !== null ? { login: p.login } : {}),
    ...(p.location ? { location: p.location } : {}),
    ...(p.company ? { company: p.company } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.blog ? { blog: p.blog } : {}),
    ...(commitEmails.length > 0 ? { commitEmails } : {}),
    ...(Object.keys(tzOffsets).length > 0 ? { tzOffsets } : {}),
    ...(override ? { override } : {}),
  };
}

function hashInputs(signals: ContributorSignals): string {
  return createHash('sha256')
    .update(JSON.stringify({ version: GEO_INFERENCE_VERSION, signals }))
    .digest('hex');
}

/** 480 → "+08:00", -330 → "-05:30" (the GitTimestamp form src/geo reads). */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
