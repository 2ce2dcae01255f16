import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../src/shared/logger.js';
import { redactText, registerSecret } from '../../../src/shared/redact.js';

// Token-shaped strings are assembled at run time so no secret-looking literal sits in the repository.
const fakeClassicToken = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');

function captureLogs(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('redaction', () => {
  it('masks GitHub token shapes and authorization headers in free text', () => {
    expect(redactText(`bad token ${fakeClassicToken} here`)).toBe('bad token [REDACTED] here');
    expect(redactText('{"authorization":"token abc123secret"}')).not.toContain('abc123secret');
  });

  it('masks registered secrets of any shape', () => {
    registerSecret('plain-secret-value-42');
    expect(redactText('x plain-secret-value-42 y')).toBe('x [REDACTED] y');
  });

  it('keeps tokens out of structured logs and logged errors', () => {
    const { stream, text } = captureLogs();
    const logger = createLogger('info', stream);
    logger.info({ token: 'opaque-token-value', headers: { authorization: 'token zzz' } }, 'request');
    logger.error({ err: new Error(`401 with ${fakeClassicToken}`) }, 'failed');
    const out = text();
    expect(out).toContain('[REDACTED]');
    expect(out).not.toContain('opaque-token-value');
    expect(out).not.toContain('zzz');
    expect(out).not.toContain(fakeClassicToken);
  });
});
