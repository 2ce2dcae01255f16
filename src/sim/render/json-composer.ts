import { randomBytes } from 'node:crypto';

const NONCE = randomBytes(6).toString('hex');
/** A placeholder as JSON.stringify writes it: quoted, with the control character escaped. */
const PLACEHOLDER = new RegExp(`"\\\\u0001${NONCE}:(\\d+)"`, 'g');

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

  /** Every occurrence is replaced: one embedded value may appear twice (`assignee` and `assignees`). */
  stringify(value: unknown): string {
    const out = JSON.stringify(value);
    if (this.pieces.length === 0) return out;
    return out.replace(PLACEHOLDER, (_match, index: string) => this.pieces[Number(index)] as string);
  }
}
