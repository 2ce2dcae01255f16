/**
 * Normalises free text for dictionary look-ups: Unicode compatibility form (full-width → ASCII),
 * lower case, Latin diacritics removed ("Zürich" → "zurich"), curly quotes and dashes made plain,
 * runs of spaces collapsed. CJK characters are kept as they are.
 */
export function normalizeText(text: string): string {
  // Fast path for plain ASCII (most gazetteer names and locations): no Unicode forms to fold.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase().replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** Han, kana or hangul: scripts written without spaces between words. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
