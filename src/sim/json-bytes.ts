/**
 * JSON as UTF-8 bytes, encoded piece by piece. V8 keeps a string as one-byte (Latin-1) or two-byte
 * (UTF-16) as a whole: a 150 KB response joined or stringified in one piece becomes two-byte as
 * soon as one name or comment holds a character past U+00FF, and UTF-8-encoding a two-byte string
 * is several times slower. Encoding each item on its own keeps the others on the fast path.
 */
export class JsonBytesWriter {
  private buffer: Buffer;
  private length = 0;

  constructor() {
    // The scratch buffer of the last finished writer, if no other writer holds it.
    this.buffer = spare ?? Buffer.allocUnsafe(256 * 1024);
    spare = undefined;
  }

  /** Appends `text` as UTF-8. */
  text(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    this.reserve(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** Appends bytes that are UTF-8 already. */
  append(bytes: Buffer): void {
    this.reserve(bytes.length);
    this.length += bytes.copy(this.buffer, this.length);
  }

  /** Appends one ASCII character (`[`, `,`, ...). */
  ascii(code: number): void {
    this.reserve(1);
    this.buffer[this.length++] = code;
  }

  /**
   * The bytes written, as an exact-size copy; the writer is done. Its scratch buffer is kept for
   * the next writer: allocating a large buffer per response made V8 collect garbage much more
   * often (external memory pressure).
   */
  bytes(): Buffer {
    const bytes = Buffer.allocUnsafe(this.length);
    this.buffer.copy(bytes, 0, 0, this.length);
    if (this.buffer.length <= MAX_SPARE_BYTES) spare = this.buffer;
    this.buffer = Buffer.alloc(0);
    this.length = 0;
    return bytes;
  }

  private reserve(bytes: number): void {
    const needed = this.length + bytes;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, needed));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

const MAX_SPARE_BYTES = 16 * 1024 * 1024;
let spare: Buffer | undefined;

/**
 * JSON encoded already (a cached GraphQL node), spliced as it is by `jsonBytes`. Only jsonBytes
 * knows it: JSON.stringify would write its fields.
 */
export class RawJson {
  constructor(readonly bytes: Buffer) {}
}

/** Marks an object or array holding RawJson somewhere inside (JSON.stringify ignores symbols). */
const RAW_INSIDE = Symbol('RawJson inside');

export function markRawInside(container: object): void {
  Object.defineProperty(container, RAW_INSIDE, { value: true });
}

export function holdsRawJson(value: unknown): boolean {
  return (
    value instanceof RawJson ||
    (typeof value === 'object' && value !== null && (value as { [RAW_INSIDE]?: true })[RAW_INSIDE] === true)
  );
}

/** A value's JSON for keeping: RawJson holds only bytes, not the objects they were written from. */
export function rawJson(value: object): RawJson {
  if (value instanceof RawJson) return value;
  return new RawJson(holdsRawJson(value) ? jsonBytes(value) : utf8Slice(JSON.stringify(value)));
}

const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * `Buffer.from(JSON.stringify(value))`, with each array element stringified and encoded on its own
 * (objects are walked down to their arrays, and into elements holding RawJson). Anything that is not a plain object or array —
 * including objects with `toJSON` — is left to JSON.stringify whole.
 */
export function jsonBytes(value: unknown): Buffer {
  const spliced = rawMembers(value);
  if (spliced !== undefined) return spliced;
  const writer = new JsonBytesWriter();
  writeValue(writer, value);
  return writer.bytes();
}

/**
 * An object whose members are all RawJson (a GraphQL answer `{"data":…}` from the fast path),
 * joined with one copy of their bytes: through a writer they would be copied twice.
 */
function rawMembers(value: unknown): Buffer | undefined {
  if (!isPlainObject(value)) return undefined;
  const pieces: Buffer[] = [];
  let separator = '{';
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    if (!(member instanceof RawJson)) return undefined;
    pieces.push(Buffer.from(`${separator}${JSON.stringify(key)}:`, 'utf8'), member.bytes);
    separator = ',';
  }
  pieces.push(Buffer.from(separator === '{' ? '{}' : '}', 'utf8'));
  return Buffer.concat(pieces);
}

function writeValue(writer: JsonBytesWriter, value: unknown): void {
  if (value instanceof RawJson) {
    writer.append(value.bytes);
    return;
  }
  if (Array.isArray(value)) {
    writer.ascii(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) writer.ascii(COMMA);
      const element: unknown = value[i];
      if (holdsRawJson(element)) {
        writeValue(writer, element);
        continue;
      }
      // JSON.stringify writes null for array holes, undefined, functions and symbols.
      const text = JSON.stringify(element) as string | undefined;
      writer.text(text ?? 'null');
    }
    writer.ascii(0x5d);
    return;
  }
  if (isPlainObject(value)) {
    writer.ascii(0x7b);
    let first = true;
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      if (!first) writer.ascii(COMMA);
      first = false;
      writer.text(JSON.stringify(key));
      writer.ascii(COLON);
      writeValue(writer, member);
    }
    writer.ascii(0x7d);
    return;
  }
  writer.text(JSON.stringify(value) as string);
}

const SLAB_BYTES = 1024 * 1024;
let slab = Buffer.allocUnsafe(0);
let slabUsed = 0;

/**
 * `Buffer.from(text, 'utf8')` for text kept long (cached items), written into shared 1 MB slabs:
 * one encoding pass instead of Buffer.from's measure-then-write, and no allocation per item. A
 * slab lives as long as any of its slices.
 */
export function utf8Slice(text: string): Buffer {
  // A UTF-16 code unit takes at most 3 bytes in UTF-8.
  const most = text.length * 3;
  if (most > SLAB_BYTES / 4) return Buffer.from(text, 'utf8');
  if (slabUsed + most > slab.length) {
    slab = Buffer.allocUnsafe(SLAB_BYTES);
    slabUsed = 0;
  }
  const written = slab.write(text, slabUsed, 'utf8');
  const bytes = slab.subarray(slabUsed, slabUsed + written);
  slabUsed += written;
  return bytes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}
