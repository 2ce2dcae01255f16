/**
 * Gzip JSON Lines: written with back-pressure, read as a stream (a line at a time) or, for small
 * files, at once. Every malformed line is reported with its file and line number.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createGunzip, createGzip, gunzipSync } from 'node:zlib';
import { finished } from 'node:stream/promises';
import { VitalsError } from '../../shared/errors.js';
import { checkRecord } from './world-records.js';

type Fields = Parameters<typeof checkRecord>[1];

// Captured once: under jest's vm contexts every global lookup is many times slower.
const parseJson = JSON.parse;

export function malformed(file: string, line: number | null, problem: string, cause?: unknown): VitalsError {
  const where = line === null ? file : `${file}:${line}`;
  return new VitalsError(
    'INPUT_INVALID',
    `Malformed world file ${where}: ${problem}`,
    { file, line },
    cause === undefined ? undefined : { cause },
  );
}

/** Parses and checks one line; `fields` null skips the shape check (the caller validates). */
export function parseLine(text: string, file: string, line: number, fields: Fields | null): unknown {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (err) {
    throw malformed(file, line, `invalid JSON (${(err as Error).message})`, err);
  }
  if (fields) {
    const problem = checkRecord(value, fields);
    if (problem) throw malformed(file, line, problem);
  }
  return value;
}

const CHUNK_CHARS = 1 << 16;

export async function writeJsonLinesGz(path: string, items: Iterable<unknown>): Promise<number> {
  const gzip = createGzip();
  const out = createWriteStream(path);
  gzip.pipe(out);
  let buffer = '';
  let count = 0;
  for (const item of items) {
    buffer += JSON.stringify(item) + '\n';
    count++;
    if (buffer.length >= CHUNK_CHARS) {
      if (!gzip.write(buffer)) await once(gzip, 'drain');
      buffer = '';
    }
  }
  gzip.end(buffer);
  await finished(out);
  return count;
}

/** Streams a gzip JSON Lines file, calling `onRecord` per non-empty line; returns the record count. */
export async function readJsonLinesGz(
  path: string,
  fields: Fields | null,
  onRecord: (value: unknown, line: number) => void,
): Promise<number> {
  const source = createReadStream(path);
  const gunzip = createGunzip();
  // Iterating a stream rethrows its errors and destroys it on exit; the file's errors must reach it too.
  source.on('error', (err) => gunzip.destroy(err));
  gunzip.setEncoding('utf8');
  let line = 0;
  let count = 0;
  let rest = '';
  const take = (text: string): void => {
    line++;
    if (text.length === 0) return;
    onRecord(parseLine(text, path, line, fields), line);
    count++;
  };
  try {
    for await (const chunk of source.pipe(gunzip) as AsyncIterable<string>) {
      let start = 0;
      let end = chunk.indexOf('\n');
      if (end === -1) {
        rest += chunk;
        continue;
      }
      take(rest + chunk.slice(0, end));
      rest = '';
      start = end + 1;
      while ((end = chunk.indexOf('\n', start)) !== -1) {
        take(chunk.slice(start, end));
        start = end + 1;
      }
      rest = chunk.slice(start);
    }
    if (rest.length > 0) take(rest);
  } catch (err) {
    if (err instanceof VitalsError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw malformed(
      path,
      code === 'ENOENT' ? null : line + 1,
      code === 'ENOENT' ? 'file is missing' : `cannot read (${(err as Error).message})`,
      err,
    );
  } finally {
    source.destroy();
  }
  return count;
}

/** Reads a small gzip JSON Lines file at once (the bundled sample world). */
export function readJsonLinesGzSync(path: string, fields: Fields | null): unknown[] {
  let text: string;
  try {
    text = gunzipSync(readFileSync(path)).toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw malformed(
      path,
      null,
      code === 'ENOENT' ? 'file is missing' : `cannot read (${(err as Error).message})`,
      err,
    );
  }
  const records: unknown[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    if (end > start) records.push(parseLine(text.slice(start, end), path, line, fields));
    start = end + 1;
  }
  return records;
}
