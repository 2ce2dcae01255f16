import { Command, CommanderError } from 'commander';
import { isVitalsError } from '../shared/errors.js';
import { redactText } from '../shared/redact.js';
import { commands } from './commands/index.js';

/**
 * `vitals` entry point. Exit codes (design §3): 0 success, 2 bad input, 1 the work could not be done.
 * Data goes to stdout, progress and errors to stderr.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('vitals')
    .description('OSS Vitals: crawl GitHub, score community health and international reach')
    .option('--config <file>', 'JSON config file (same keys as the environment variables)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (isVitalsError(err)) {
    process.stderr.write(`vitals: ${redactText(err.message)} [${err.code}]\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`vitals: unexpected failure: ${redactText(message)}\n`);
  return 1;
}
