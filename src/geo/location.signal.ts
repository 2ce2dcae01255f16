import type { Gazetteer, PlaceReading } from './gazetteer.js';
import type { Evidence } from './geo.types.js';
import { hasCjk, normalizeText } from './normalize-text.js';
import { matchLikelihood, type PlaceMatch } from './place-match.js';

/** A country the location does not name keeps this much likelihood: strong, not absolute. */
const FLOOR = 0.02;
const MAX_WEIGHT = 4;
const MAX_WORDS_IN_PHRASE = 6;
/** Separators between the parts of a location: "Hangzhou, Zhejiang", "深圳 / Shenzhen", "Paris | Remote". */
const PARTS = /[,;|/\\·•()[\]{}<>、，；：。\n@]|\s[-–—~&+]\s|\s(?:and|or|->|=>|→)\s|:/u;
const CJK_RUN = /([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+)/u;
const FLAG = /([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/gu;
const URL_OR_EMAIL = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/giu;
/** Emoji and pictographs ("🗼Tokyo", "Rome 🍕") separate words; flags are read before they go. */
const SYMBOLS = /\p{So}|\p{Sk}|\p{Co}|\u200d|\ufe0f/gu;
const TRIM = /^[\s.\-*'"!?_#@]+|[\s.\-*'"!?_#@]+$/gu;
/** Words that are also the names of small places but say nothing about where a person is. */
const STOPWORDS = new Set(
  'the of in at and or from based near area greater city metro region state province county district university institute college school company inc ltd team lab labs home remote office work working living live born now currently sometimes mostly formerly previously soon former ex hq campus central north south east west northern southern eastern western new old san santa saint st mount my our your'.split(
    ' ',
  ),
);
/** "China" next to a more specific Hong Kong/Macao/Taiwan place ("Hong Kong, China") names no second place. */
const CHINA_CONTAINER = new Set(['CN']);
const GREATER_CHINA_PARTS = new Set(['HK', 'MO', 'TW']);

/** Reads a free-text profile location into country evidence, or undefined when the text is empty. */
export function readLocation(gazetteer: Gazetteer, location: string): Evidence | undefined {
  const value = location.trim().slice(0, 200);
  if (!value) return undefined;
  const matches: PlaceMatch[] = [];
  for (const [, a, b] of value.matchAll(FLAG)) {
    const code = String.fromCharCode(a!.codePointAt(0)! - 0x1f1a5, b!.codePointAt(0)! - 0x1f1a5);
    if (gazetteer.offsets.has(code))
      matches.push({
        phrase: a! + b!,
        readings: [{ country: code, source: 'country', population: 0, draw: 0 }],
        partial: false,
      });
  }
  const text = value.replace(FLAG, ' ').replace(URL_OR_EMAIL, ' ').replace(SYMBOLS, ' ');
  const whole = normalizeText(text).replace(TRIM, '');
  if (gazetteer.junk.has(whole) && matches.length === 0) return noSignal(value, 'names no place');

  const parts = text.split(PARTS);
  parts.forEach((raw, index) => matches.push(...matchPart(gazetteer, raw, index > 0)));
  const kept = dropChinaContainer(matches);
  if (kept.length === 0) return noSignal(value, 'no known place');
  return combineMatches(value, kept);
}

function matchPart(gazetteer: Gazetteer, raw: string, afterSeparator: boolean): PlaceMatch[] {
  const part = normalizeText(raw).replace(TRIM, '');
  if (!part || gazetteer.junk.has(part)) return [];
  const whole = gazetteer.phrases.get(part) ?? gazetteer.phrases.get(part.replace(/\.$/, ''));
  if (whole) return [{ phrase: part, readings: whole, partial: false }];
  // "Seattle, WA" / "Toronto, ON" / "Berlin, DE": a trailing code competes with country codes.
  if (afterSeparator && /^[a-z]{2,3}$/.test(part)) {
    const codes = gazetteer.codes.get(part);
    return codes ? [{ phrase: part, readings: codes, partial: false }] : [];
  }
  const found: PlaceMatch[] = [];
  for (const run of part.split(CJK_RUN)) {
    if (!run.trim()) continue;
    if (hasCjk(run)) found.push(...scanCjk(gazetteer, run));
    else found.push(...scanWords(gazetteer, run, raw));
  }
  return found;
}

/** Longest-match scan of text written without spaces ("浙江省杭州市余杭区"). */
function scanCjk(gazetteer: Gazetteer, run: string): PlaceMatch[] {
  const found: PlaceMatch[] = [];
  const longest = gazetteer.cjkPhrases[0]?.length ?? 0;
  let pos = 0;
  while (pos < run.length) {
    let step = 1;
    for (let len = Math.min(longest, run.length - pos); len >= 2; len--) {
      const phrase = run.slice(pos, pos + len);
      const readings = gazetteer.phrases.get(phrase);
      if (readings) {
        found.push({ phrase, readings, partial: len < run.length });
        step = len;
        break;
      }
    }
    pos += step;
  }
  // A CJK run that is one whole place name is as good as a separate part.
  return found.length === 1 ? found.map((m) => ({ ...m, partial: false })) : found;
}

/** Greedy longest phrase of words ("greater seattle area", "new south wales", "san jose"). */
function scanWords(gazetteer: Gazetteer, run: string, raw: string): PlaceMatch[] {
  const text = run.replace(TRIM, '');
  const whole = gazetteer.phrases.get(text);
  if (whole) return [{ phrase: text, readings: whole, partial: false }];
  const words = text
    .split(/[\s.-]+/)
    .map((w) => w.replace(TRIM, ''))
    .filter(Boolean);
  const found: PlaceMatch[] = [];
  // "Seattle WA": a trailing upper-case code without a comma.
  const last = raw.trim().split(/\s+/).pop() ?? '';
  if (words.length > 1 && /^[A-Z]{2,3}$/.test(last)) {
    const codes = gazetteer.codes.get(last.toLowerCase());
    if (codes) {
      found.push({ phrase: last.toLowerCase(), readings: codes, partial: false });
      words.pop();
    }
  }
  let i = 0;
  while (i < words.length) {
    const { match, step } = matchAt(gazetteer, words, i);
    if (match) found.push(match);
    i += step;
  }
  return found;
}

/** The longest place phrase starting at word i, and how many words it used (1 when none). */
function matchAt(gazetteer: Gazetteer, words: string[], i: number): { match?: PlaceMatch; step: number } {
  const partial = (n: number) => n < words.length;
  for (let n = Math.min(MAX_WORDS_IN_PHRASE, words.length - i); n >= 2; n--) {
    const phrase = words.slice(i, i + n).join(' ');
    if (gazetteer.junk.has(phrase)) return { step: n };
    const readings = gazetteer.phrases.get(phrase);
    if (readings) return { match: { phrase, readings, partial: partial(n) }, step: n };
  }
  // Pinyin written syllable by syllable: "Hang Zhou", "Bei Jing".
  const [a, b] = [words[i], words[i + 1]];
  if (a && b && /^[a-z]{2,6}$/.test(a) && /^[a-z]{2,6}$/.test(b)) {
    const readings = gazetteer.phrases.get(a + b);
    if (readings) return { match: { phrase: a + b, readings, partial: partial(2) }, step: 2 };
  }
  const word = words[i]!;
  if (STOPWORDS.has(word) || word.length < 3) {
    const alias = gazetteer.phrases.get(word)?.filter((r) => r.source === 'alias');
    return word.length === 2 && alias?.length
      ? { match: { phrase: word, readings: alias, partial: true }, step: 1 }
      : { step: 1 };
  }
  const readings = gazetteer.phrases.get(word);
  return readings ? { match: { phrase: word, readings, partial: partial(1) }, step: 1 } : { step: 1 };
}

function dropChinaContainer(matches: PlaceMatch[]): PlaceMatch[] {
  const specific = matches.some((m) => {
    const top = topCountries(m);
    return top.length > 0 && top.every((c) => GREATER_CHINA_PARTS.has(c));
  });
  if (!specific) return matches;
  return matches.filter(
    (m) => !m.readings.every((r) => CHINA_CONTAINER.has(r.country) && r.source !== 'city'),
  );
}

function topCountries(match: PlaceMatch): string[] {
  const { likelihood } = matchLikelihood(match);
  return [...likelihood].filter(([, v]) => v >= 0.99).map(([c]) => c);
}

/** Product of the matches' likelihoods (each to its weight), normalised so the best country is 1. */
function combineMatches(value: string, matches: PlaceMatch[]): Evidence {
  const scored = matches.map((m) => ({ match: m, ...matchLikelihood(m) }));
  const countries = new Set(scored.flatMap((s) => [...s.likelihood.keys()]));
  const log = new Map<string, number>();
  for (const country of countries) {
    let sum = 0;
    for (const s of scored) sum += s.weight * Math.log(Math.max(FLOOR, s.likelihood.get(country) ?? 0));
    log.set(country, sum);
  }
  const best = Math.max(...log.values());
  const likelihood = new Map<string, number>();
  for (const [country, l] of log) {
    const relative = Math.exp(l - best);
    if (relative >= 0.001) likelihood.set(country, relative);
  }
  const top = [...likelihood].filter(([, v]) => v >= 0.99).map(([c]) => c);
  const supporting = scored.filter((s) => top.some((c) => (s.likelihood.get(c) ?? 0) >= 0.5));
  const strongest = Math.max(0, ...supporting.map((s) => s.weight));
  const weight = Math.min(MAX_WEIGHT, strongest + 0.5 * (supporting.length - 1));
  const explained = scored
    .map((s) => `${s.match.phrase} → ${describe(s.likelihood)} (${sourcesOf(s.match.readings)})`)
    .join('; ');
  return {
    kind: 'location',
    group: 'location',
    value,
    evidence: explained,
    weight,
    likelihood,
    floor: weight >= 2 ? FLOOR : 0.1,
  };
}

function describe(likelihood: ReadonlyMap<string, number>): string {
  return [...likelihood]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([c, v]) => (v >= 0.99 ? c : `${c}?`))
    .join('|');
}

function sourcesOf(readings: readonly PlaceReading[]): string {
  return [...new Set(readings.map((r) => r.source))].join('+');
}

function noSignal(value: string, why: string): Evidence {
  return {
    kind: 'location',
    group: 'location',
    value,
    evidence: why,
    weight: 0,
    likelihood: new Map(),
    floor: 1,
  };
}
