import { randomBytes } from 'node:crypto';

const NONCE = randomBytes(6).toString('hex');

/**
 * Splices pre-serialised JSON (a cached user or repository object) into a value being stringified:
 * `raw(json)` returns a placeholder string to put in the object, `stringify` swaps each quoted
 * placeholder for its JSON. Serialising the same embedded user thousands of times was most of the
 * cost of rendering a list page. Placeholders carry a per-process random nonce and a control
 * character (escaped by JSON.stringify), so world text cannot collide with them by accident.
 */
export class JsonComposer {
  private readonly pieces: string[] = [];

  raw(json: string): string {
    this.pieces.push(json);
    return `\u0001${NONCE}:${this.pieces.length - 1}`;
  }

  stringify(value: unknown): string {
    let out = JSON.stringify(value);
    for (let i = 0; i < this.pieces.length; i++) {
      const placeholder = `"\\u0001${NONCE}:${i}"`;
      const at = out.indexOf(placeholder);
      if (at !== -1) out = out.slice(0, at) + (this.pieces[i] as string) + out.slice(at + placeholder.length);
    }
    return out;
  }
}
