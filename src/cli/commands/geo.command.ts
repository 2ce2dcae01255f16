import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { GeoMode } from '../../../config/load-config.js';
import { locateContributor } from '../../geo/locate-contributor.js';
import { parseContributorSignals } from '../../geo/parse-contributor-signals.js';
import { GEO_MODES, resolveGeoMode } from '../geo-mode.js';
import { registerGeoExplainCommand } from './geo-explain.command.js';
import { registerGeoInferCommand } from './geo-infer.command.js';
import { registerGeoOverrideCommand } from './geo-override.command.js';

/**
 * `vitals geo locate`: JSON lines of contributor signals on stdin → one JSON line per input line on
 * stdout, same order, no database (design §3): output line n always answers input line n. A line that
 * is blank or not a JSON object of the documented fields gets `{"line": n, "login": …, "error": "…"}`
 * and the run goes on; the exit code is 0 unless stdin cannot be read (1) or an option is bad (2).
 * `vitals geo infer` (stored data) and `vitals geo explain` / `override` (operator views of one
 * person) live beside it.
 */
export function registerGeoCommand(program: Command): void {
  const geo = program.command('geo').description('contributor geography');
  geo
    .command('locate')
    .description('read JSON lines of contributor signals on stdin, write one located JSON line per input')
    .option(
      '--mode <mode>',
      `what counts as China: ${GEO_MODES.join(' | ')} (default: config VITALS_GEO_MODE)`,
    )
    .action(async (options: { mode?: string }) => {
      const mode = resolveGeoMode(options.mode, program.opts<{ config?: string }>().config);
      await locateLines(process.stdin, mode);
    });
  registerGeoInferCommand(geo, program);
  registerGeoExplainCommand(geo, program);
  registerGeoOverrideCommand(geo, program);
}

async function locateLines(input: NodeJS.ReadableStream, mode: GeoMode): Promise<void> {
  let readError: Error | undefined;
  input.on('error', (err: Error) => (readError = err));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (!process.stdout.write(`${JSON.stringify(locateLine(line, lineNumber, mode))}\n`))
        await once(process.stdout, 'drain');
    }
  } catch (err) {
    readError ??= err instanceof Error ? err : new Error(String(err));
  }
  if (readError) {
    // Lines already written stay valid; the exit code tells the caller the input was cut short.
    process.stderr.write(`vitals: cannot read stdin after line ${lineNumber}: ${readError.message}\n`);
    process.exitCode = 1;
  }
}

function locateLine(line: string, lineNumber: number, mode: GeoMode): object {
  if (!line.trim()) return { line: lineNumber, login: null, error: 'empty line' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { line: lineNumber, login: null, error: 'not valid JSON' };
  }
  const parsed = parseContributorSignals(value);
  if (!parsed.ok) {
    const login =
      typeof (value as { login?: unknown } | null)?.login === 'string'
        ? (value as { login: string }).login
        : null;
    return { line: lineNumber, login, error: parsed.error };
  }
  return locateContributor(parsed.signals, mode);
}
