import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import type { GeoMode, GeoSignal, Region } from '../../geo/geo.types.js';
import { withDatabase } from '../../runtime/with-database.js';
import { VitalsError } from '../../shared/errors.js';
import {
  listGeoOverrideAudit,
  listGeoOverrides,
  type GeoOverride,
  type GeoOverrideAuditEntry,
} from '../../store/geo-override.store.js';
import { findGeoPerson } from '../../store/geo-person.store.js';
import { resolveGeoMode } from '../geo-mode.js';

/** What `vitals geo explain LOGIN --json` prints: one person's decision, evidence and override. */
export interface GeoExplanation {
  login: string | null;
  personKey: string;
  userId: number | null;
  mode: GeoMode;
  region: Region;
  country: string | null;
  /** Probability of the `mainland`-mode region and of the country. */
  confidence: number;
  countryConfidence: number | null;
  conflict: boolean;
  inferredAt: string;
  inputHash: string;
  signals: GeoSignal[];
  override: (Omit<GeoOverride, 'setAt'> & { setAt: string }) | null;
  overrideHistory: Array<Omit<GeoOverrideAuditEntry, 'at'> & { at: string }>;
}

/**
 * `vitals geo explain LOGIN [--json] [--mode M]`: the stored decision for one person with every
 * signal's evidence and the operator override, if any. Per-person geography is personal data: this is
 * an operator surface (design §5); the HTTP API gives per-person views to `operate` keys only.
 */
export function registerGeoExplainCommand(geo: Command, program: Command): void {
  geo
    .command('explain')
    .description('show where one contributor was located and why (operator view: personal data)')
    .argument('<login>', 'GitHub login, or email:ADDRESS for a commit author without an account')
    .option('--mode <mode>', 'report the region under this mode (default: config VITALS_GEO_MODE)')
    .option('--json', 'print the explanation as JSON')
    .action(async (login: string, options: { mode?: string; json?: boolean }) => {
      const configFile = program.opts<{ config?: string }>().config;
      const mode = resolveGeoMode(options.mode, configFile);
      await withDatabase(configFile, async ({ database }) => {
        const explanation = await explainContributor(database.db, login, mode);
        process.stdout.write(
          options.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation),
        );
      });
    });
}

export async function explainContributor(
  db: Kysely<Database>,
  subject: string,
  mode: GeoMode,
): Promise<GeoExplanation> {
  const person = await findGeoPerson(db, subject);
  if (!person)
    throw new VitalsError(
      'INPUT_INVALID',
      `No located contributor ${JSON.stringify(subject)}: crawl a repository they contributed to first`,
      { login: subject },
    );
  const override =
    (await listGeoOverrides(db)).find((o) =>
      o.userId !== null && person.userId !== null ? o.userId === person.userId : o.subjectKey === person.key,
    ) ?? null;
  const history = await listGeoOverrideAudit(db, person.key, person.userId);
  return {
    login: person.login,
    personKey: person.key,
    userId: person.userId,
    mode,
    region: person.regions[mode] ?? person.region,
    country: person.country,
    confidence: person.confidence,
    countryConfidence: person.countryConfidence,
    conflict: person.conflict,
    inferredAt: person.inferredAt.toISOString(),
    inputHash: person.inputHash,
    signals: person.signals,
    override: override && { ...override, setAt: override.setAt.toISOString() },
    overrideHistory: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

export function formatExplanation(e: GeoExplanation): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `${e.login ?? e.personKey}${e.userId !== null ? `  (account ${e.userId})` : ''}`,
    `  region       ${e.region}  (mode ${e.mode})${e.conflict ? '  CONFLICTING evidence' : ''}`,
    `  country      ${e.country ?? 'unknown'}  (confidence: region ${pct(e.confidence)}, country ${pct(e.countryConfidence)})`,
    `  inferred at  ${e.inferredAt}`,
    '  signals (weight 0 = read but not counted):',
  ];
  if (e.signals.length === 0) lines.push('    none: nothing known says where this person lives');
  for (const s of e.signals)
    lines.push(
      `    ${s.kind.padEnd(10)} ${JSON.stringify(s.value)}  →  ${s.country ?? '-'}  weight ${s.weight.toFixed(2)}`,
      `               ${s.evidence}`,
    );
  lines.push(
    e.override
      ? `  override     ${e.override.country} set by ${e.override.setBy} at ${e.override.setAt}: ${e.override.reason}`
      : '  override     none',
  );
  for (const h of e.overrideHistory)
    lines.push(
      `    ${h.at}  ${h.action} ${h.country ?? ''} (was ${h.previousCountry ?? 'none'}) by ${h.actor}: ${h.reason}`,
    );
  return `${lines.join('\n')}\n`;
}
