import { isAscii } from 'node:buffer';

/**
 * Response bodies from bytes: JSON, text and ArrayBuffer, as fetch's Response would give them.
 *
 * parseJsonBytes exists for speed. On Node 20 a single non-ASCII character (an emoji in one comment)
 * sends V8 down its slow UTF-8 path for the whole 100–300 KB page and yields a two-byte string that
 * JSON.parse then reads more slowly: on the simulator's pages (~50–100 non-ASCII bytes each),
 * `JSON.parse(buffer.toString('utf8'))` took 1.4–1.6 ms, this ~1.0 ms, latin1 alone ~0.8 ms.
 * In JSON, bytes ≥ 0x80 can only stand inside strings, so each run of them is rewritten as the
 * `\uXXXX` escapes of its UTF-8 decoding and the rest, pure ASCII, is read as latin1 (one-byte,
 * nothing to decode). The result is the value JSON.parse would give for the UTF-8 text; where
 * that is not certain (a run right after a backslash, or at the very start: a byte-order mark)
 * the plain path is taken.
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  const buffer = asBuffer(bytes);
  const runs: number[] = [];
  nonAsciiRuns(buffer, 0, buffer.length, runs);
  if (runs.length === 0) return JSON.parse(buffer.toString('latin1')) as unknown;
  if (runs.some((start, i) => i % 2 === 0 && (start === 0 || buffer[start - 1] === BACKSLASH)))
    return JSON.parse(utf8Text(buffer)) as unknown;
  let text = '';
  let at = 0;
  for (let i = 0; i < runs.length; i += 2) {
    const start = runs[i] as number;
    const end = runs[i + 1] as number;
    text += buffer.toString('latin1', at, start) + escaped(buffer.toString('utf8', start, end));
    at = end;
  }
  return JSON.parse(text + buffer.toString('latin1', at)) as unknown;
}

/** UTF-8 without a byte-order mark, as fetch's `text()` decodes. */
export function utf8Text(bytes: Uint8Array): string {
  const buffer = asBuffer(bytes);
  const bom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  return buffer.toString('utf8', bom ? 3 : 0);
}

/** A copy of exactly these bytes (a Buffer's ArrayBuffer may be a shared pool). */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

const BACKSLASH = 0x5c;
/** Below this size a range is scanned byte by byte. */
const LEAF_BYTES = 64;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Appends [start, end) pairs of the maximal runs of bytes ≥ 0x80 in [from, to), in order. Bisection
 * with isAscii (SIMD): non-ASCII bytes are rare, so most of the body is skipped in large steps.
 */
function nonAsciiRuns(buffer: Buffer, from: number, to: number, runs: number[]): void {
  if (isAscii(buffer.subarray(from, to))) return;
  if (to - from > LEAF_BYTES) {
    const middle = (from + to) >>> 1;
    nonAsciiRuns(buffer, from, middle, runs);
    nonAsciiRuns(buffer, middle, to, runs);
    return;
  }
  for (let i = from; i < to; i++) {
    if ((buffer[i] as number) < 0x80) continue;
    // A run continues across leaves (a character may straddle two).
    if (runs.length > 0 && runs[runs.length - 1] === i) runs[runs.length - 1] = i + 1;
    else runs.push(i, i + 1);
  }
}

function escaped(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}
