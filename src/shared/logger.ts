import { pino, type Logger, type LoggerOptions } from 'pino';
import { redactText } from './redact.js';

export type { Logger } from 'pino';

/** Paths that may carry credentials in structured log objects; pino replaces their values. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'tokens',
  '*.tokens',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'request.headers.authorization',
  'err.request.headers.authorization',
  'apiKey',
  '*.apiKey',
];

/**
 * Logs go to stderr so that stdout stays clean for `--json` output. Messages are short and constant;
 * context goes in fields (queue, jobId, repository, stage, durationMs, err).
 */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  const options: LoggerOptions = {
    level,
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    formatters: {
      log(object) {
        // Error messages are free text written by libraries; mask token shapes inside them too.
        const err = object['err'];
        if (err instanceof Error) {
          return {
            ...object,
            err: { type: err.name, message: redactText(err.message), code: (err as { code?: unknown }).code },
          };
        }
        return object;
      },
    },
  };
  return pino(options, destination as pino.DestinationStream);
}

export const silentLogger: Logger = pino({ level: 'silent' });
