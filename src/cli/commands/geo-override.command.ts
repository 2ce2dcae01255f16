import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database.js';
import { loadGazetteer } from '../../geo/gazetteer.js';
import { reinferPeople } from '../../runtime/infer-geography.js';
import { withDatabase } from '../../runtime/with-database.js';
import { VitalsError } from '../../shared/errors.js';
import { changeGeoOverride, findUserIdByLogin } from '../../store/geo-override.store.js';
import { findGeoPerson } from '../../store/geo-person.store.js';
import { resolveGeoMode } from '../geo-mode.js';
import { explainContributor, formatExplanation } from './geo-explain.command.js';

interface OverrideOptions {
  reason?: string;
  by?: string;
  clear?: boolean;
  json?: boolean;
}

/**
 * `vitals geo override LOGIN COUNTRY --reason "…" [--by NAME]` · `vitals geo override LOGIN --clear
 * --reason "…"`: the operator's correction of one person's country (ISO 3166-1 alpha-2). Overrides
 * live apart from crawled data, so they win over every signal and survive re-crawls and re-inference;
 * every change is audited (who: --by or the OS user, when, why, the previous value).
 */
export function registerGeoOverrideCommand(geo: Command, program: Command): void {
  geo
    .command('override')
    .description('set (or --clear) the country of one contributor; audited, survives re-crawls')
    .argument('<login>', 'GitHub login, or email:ADDRESS for a commit author without an account')
    .argument('[country]', 'ISO 3166-1 alpha-2 code, e.g. DE, CN, TW')
    .option('--reason <text>', 'why (required; kept in the audit log)')
    .option('--by <name>', 'who makes the change (default: the OS user)')
    .option('--clear', 'remove the override (inference decides again)')
    .option('--json', 'print the result as JSON')
    .action(async (login: string, country: string | undefined, options: OverrideOptions) => {
      const configFile = program.opts<{ config?: string }>().config;
      const change = validate(login, country, options);
      const mode = resolveGeoMode(undefined, configFile);
      await withDatabase(configFile, async ({ database }) => {
        const db = database.db;
        const result = await applyOverride(db, { ...change, actor: options.by?.trim() || osUser() });
        const explanation = (await findGeoPerson(db, change.subject))
          ? await explainContributor(db, change.subject, mode)
          : null;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ ...result, explanation }, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `override of ${change.subject}: ${result.previousCountry ?? 'none'} → ${result.country ?? 'none (cleared)'}\n`,
        );
        process.stdout.write(
          explanation
            ? formatExplanation(explanation)
            : '  (not seen in any crawled repository yet: the override applies once they are)\n',
        );
      });
    });
}

interface ValidChange {
  subject: string;
  country: string | null;
  reason: string;
}

function validate(login: string, country: string | undefined, options: OverrideOptions): ValidChange {
  const subject = login.trim().toLowerCase();
  // Bots are excluded from geography, so a `[bot]` login is refused like any other non-login.
  if (!/^(email:[^@\s]+@[^@\s]+|[a-z0-9](?:[a-z0-9-]{0,38}))$/.test(subject))
    throw new VitalsError('INPUT_INVALID', `Not a GitHub login or email:ADDRESS: ${JSON.stringify(login)}`);
  const reason = options.reason?.trim() ?? '';
  if (!reason) throw new VitalsError('INPUT_INVALID', '--reason is required (it is kept in the audit log)');
  if (options.clear) {
    if (country !== undefined) throw new VitalsError('INPUT_INVALID', 'Give a COUNTRY or --clear, not both');
    return { subject, country: null, reason };
  }
  const code = country?.trim().toUpperCase() ?? '';
  if (!/^[A-Z]{2}$/.test(code) || !loadGazetteer().offsets.has(code))
    throw new VitalsError(
      'INPUT_INVALID',
      `COUNTRY must be an ISO 3166-1 alpha-2 code such as DE, CN or TW, got ${JSON.stringify(country ?? '')}`,
    );
  return { subject, country: code, reason };
}

/** Records the override (audited) and re-infers the person at once so reports reflect it. */
export async function applyOverride(
  db: Kysely<Database>,
  change: ValidChange & { actor: string },
): Promise<{ subject: string; country: string | null; previousCountry: string | null; actor: string }> {
  const userId = change.subject.startsWith('email:') ? null : await findUserIdByLogin(db, change.subject);
  const { previousCountry } = await changeGeoOverride(db, {
    subjectKey: change.subject,
    userId,
    country: change.country,
    reason: change.reason,
    actor: change.actor,
  });
  const person = await findGeoPerson(db, change.subject);
  if (person) await reinferPeople(db, [{ key: person.key, userId: person.userId }]);
  return { subject: change.subject, country: change.country, previousCountry, actor: change.actor };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
